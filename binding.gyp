# The native kernel (native/), built by node-gyp: `npm ci` in a checkout runs `node-gyp rebuild`
# (npm's default install step for a package with this file), and `npm run build:native` does it
# by hand. Each instruction set's escape loop is its own static library, so that only that file is
# compiled with -mavx512f or -mavx2, and the code that runs before the CPU is asked stays baseline.
# Every file is compiled with -ffp-contract=off: no multiply and add may become one fused
# operation (rounded once instead of twice), or the counts and norms would not be the scalar ones.
{
  "target_defaults": {
    "cflags": ["-O3", "-ffp-contract=off", "-fno-fast-math", "-std=gnu11", "-Wall", "-Wextra"],
    "cflags!": ["-O2", "-O0"],
    "xcode_settings": {
      "OTHER_CFLAGS": ["-O3", "-ffp-contract=off", "-fno-fast-math", "-std=gnu11"]
    }
  },
  "targets": [
    {
      "target_name": "fractal_native",
      "sources": [
        "native/addon.c",
        "native/classic-color.c",
        "native/dispatch.c",
        "native/escape-scalar.c",
        "native/fk-log.c",
        "native/png-filter.c",
        "native/unit-runs.c"
      ],
      "libraries": ["-lm"],
      "conditions": [
        ["target_arch == 'x64'", {
          "dependencies": ["fractal_escape_avx512", "fractal_escape_avx2", "fractal_escape_sse2"]
        }],
        ["target_arch == 'arm64'", {
          "sources": ["native/escape-neon.c"]
        }]
      ]
    }
  ],
  "conditions": [
    ["target_arch == 'x64'", {
      "targets": [
        {
          "target_name": "fractal_escape_avx512",
          "type": "static_library",
          "sources": ["native/escape-avx512.c", "native/log-avx512.c"],
          "cflags": ["-mavx512f"],
          "xcode_settings": { "OTHER_CFLAGS": ["-mavx512f"] }
        },
        {
          "target_name": "fractal_escape_avx2",
          "type": "static_library",
          "sources": ["native/escape-avx2.c"],
          "cflags": ["-mavx2"],
          "xcode_settings": { "OTHER_CFLAGS": ["-mavx2"] }
        },
        {
          "target_name": "fractal_escape_sse2",
          "type": "static_library",
          "sources": ["native/escape-sse2.c"]
        }
      ]
    }]
  ]
}
