// A page's worth of reading, in a process of its own: follows GET /events on the given port to its
// end, parsing every event as the console page does (JSON, base64 rows), then prints how many.
// Usage: node --import tsx bench/sse-reader.ts, then the port on its standard input: it starts
// before the run it watches, so that its own start-up is not counted in the render.
import { get } from 'node:http';

let given = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  given += chunk;
  if (given.includes('\n')) {
    process.stdin.pause();
    follow(Number(given.trim()));
  }
});

const follow = (port: number): void => {
get({ host: '127.0.0.1', port, path: '/events' }, (response) => {
  let buffered = '';
  let events = 0;
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
      if (!data) continue;
      const value = JSON.parse(data) as { rgba?: string };
      if (value.rgba) Buffer.from(value.rgba, 'base64');
      events++;
    }
  });
  response.on('end', () => console.log(events));
}).on('error', (error) => {
  console.error(error.message);
  process.exit(1);
});
};
