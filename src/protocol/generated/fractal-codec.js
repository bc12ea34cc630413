/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars*/
import $protobuf from "protobufjs/minimal.js";

const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;

const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const fractal = $root.fractal = (() => {

    const fractal = {};

    fractal.v1 = (function() {

        const v1 = {};

        v1.WorkerMessage = (function() {

            function WorkerMessage(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            WorkerMessage.prototype.hello = null;
            WorkerMessage.prototype.credit = null;
            WorkerMessage.prototype.results = null;
            WorkerMessage.prototype.heartbeat = null;
            WorkerMessage.prototype.metrics = null;

            let $oneOfFields;

            Object.defineProperty(WorkerMessage.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["hello", "credit", "results", "heartbeat", "metrics"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            WorkerMessage.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.hello != null && Object.hasOwnProperty.call(message, "hello"))
                    $root.fractal.v1.Hello.encode(message.hello, writer.uint32(10).fork(), q + 1).ldelim();
                if (message.credit != null && Object.hasOwnProperty.call(message, "credit"))
                    $root.fractal.v1.Credit.encode(message.credit, writer.uint32(18).fork(), q + 1).ldelim();
                if (message.results != null && Object.hasOwnProperty.call(message, "results"))
                    $root.fractal.v1.Results.encode(message.results, writer.uint32(26).fork(), q + 1).ldelim();
                if (message.heartbeat != null && Object.hasOwnProperty.call(message, "heartbeat"))
                    $root.fractal.v1.Heartbeat.encode(message.heartbeat, writer.uint32(34).fork(), q + 1).ldelim();
                if (message.metrics != null && Object.hasOwnProperty.call(message, "metrics"))
                    $root.fractal.v1.FinalMetrics.encode(message.metrics, writer.uint32(42).fork(), q + 1).ldelim();
                return writer;
            };

            WorkerMessage.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.WorkerMessage();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.hello = $root.fractal.v1.Hello.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 2: {
                            message.credit = $root.fractal.v1.Credit.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 3: {
                            message.results = $root.fractal.v1.Results.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 4: {
                            message.heartbeat = $root.fractal.v1.Heartbeat.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 5: {
                            message.metrics = $root.fractal.v1.FinalMetrics.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            WorkerMessage.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.WorkerMessage)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.WorkerMessage: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.WorkerMessage();
                if (object.hello != null) {
                    if (!$util.isObject(object.hello))
                        throw TypeError(".fractal.v1.WorkerMessage.hello: object expected");
                    message.hello = $root.fractal.v1.Hello.fromObject(object.hello, long + 1);
                }
                if (object.credit != null) {
                    if (!$util.isObject(object.credit))
                        throw TypeError(".fractal.v1.WorkerMessage.credit: object expected");
                    message.credit = $root.fractal.v1.Credit.fromObject(object.credit, long + 1);
                }
                if (object.results != null) {
                    if (!$util.isObject(object.results))
                        throw TypeError(".fractal.v1.WorkerMessage.results: object expected");
                    message.results = $root.fractal.v1.Results.fromObject(object.results, long + 1);
                }
                if (object.heartbeat != null) {
                    if (!$util.isObject(object.heartbeat))
                        throw TypeError(".fractal.v1.WorkerMessage.heartbeat: object expected");
                    message.heartbeat = $root.fractal.v1.Heartbeat.fromObject(object.heartbeat, long + 1);
                }
                if (object.metrics != null) {
                    if (!$util.isObject(object.metrics))
                        throw TypeError(".fractal.v1.WorkerMessage.metrics: object expected");
                    message.metrics = $root.fractal.v1.FinalMetrics.fromObject(object.metrics, long + 1);
                }
                return message;
            };

            WorkerMessage.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (message.hello != null && Object.hasOwnProperty.call(message, "hello")) {
                    object.hello = $root.fractal.v1.Hello.toObject(message.hello, options, q + 1);
                    if (options.oneofs)
                        object.body = "hello";
                }
                if (message.credit != null && Object.hasOwnProperty.call(message, "credit")) {
                    object.credit = $root.fractal.v1.Credit.toObject(message.credit, options, q + 1);
                    if (options.oneofs)
                        object.body = "credit";
                }
                if (message.results != null && Object.hasOwnProperty.call(message, "results")) {
                    object.results = $root.fractal.v1.Results.toObject(message.results, options, q + 1);
                    if (options.oneofs)
                        object.body = "results";
                }
                if (message.heartbeat != null && Object.hasOwnProperty.call(message, "heartbeat")) {
                    object.heartbeat = $root.fractal.v1.Heartbeat.toObject(message.heartbeat, options, q + 1);
                    if (options.oneofs)
                        object.body = "heartbeat";
                }
                if (message.metrics != null && Object.hasOwnProperty.call(message, "metrics")) {
                    object.metrics = $root.fractal.v1.FinalMetrics.toObject(message.metrics, options, q + 1);
                    if (options.oneofs)
                        object.body = "metrics";
                }
                return object;
            };

            WorkerMessage.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return WorkerMessage;
        })();

        v1.Hello = (function() {

            function Hello(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Hello.prototype.protocol_version = "";
            Hello.prototype.rank = 0;
            Hello.prototype.host = "";
            Hello.prototype.threads = 0;
            Hello.prototype.pid = 0;
            Hello.prototype.reconnects = 0;
            Hello.prototype.job_id = "";

            Hello.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.protocol_version != null && Object.hasOwnProperty.call(message, "protocol_version"))
                    writer.uint32(10).string(message.protocol_version);
                if (message.rank != null && Object.hasOwnProperty.call(message, "rank"))
                    writer.uint32(16).sint32(message.rank);
                if (message.host != null && Object.hasOwnProperty.call(message, "host"))
                    writer.uint32(26).string(message.host);
                if (message.threads != null && Object.hasOwnProperty.call(message, "threads"))
                    writer.uint32(32).uint32(message.threads);
                if (message.pid != null && Object.hasOwnProperty.call(message, "pid"))
                    writer.uint32(40).uint32(message.pid);
                if (message.reconnects != null && Object.hasOwnProperty.call(message, "reconnects"))
                    writer.uint32(48).uint32(message.reconnects);
                if (message.job_id != null && Object.hasOwnProperty.call(message, "job_id"))
                    writer.uint32(58).string(message.job_id);
                return writer;
            };

            Hello.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.Hello();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.protocol_version = reader.string();
                            break;
                        }
                    case 2: {
                            message.rank = reader.sint32();
                            break;
                        }
                    case 3: {
                            message.host = reader.string();
                            break;
                        }
                    case 4: {
                            message.threads = reader.uint32();
                            break;
                        }
                    case 5: {
                            message.pid = reader.uint32();
                            break;
                        }
                    case 6: {
                            message.reconnects = reader.uint32();
                            break;
                        }
                    case 7: {
                            message.job_id = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Hello.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.Hello)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.Hello: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.Hello();
                if (object.protocol_version != null)
                    message.protocol_version = String(object.protocol_version);
                if (object.rank != null)
                    message.rank = object.rank | 0;
                if (object.host != null)
                    message.host = String(object.host);
                if (object.threads != null)
                    message.threads = object.threads >>> 0;
                if (object.pid != null)
                    message.pid = object.pid >>> 0;
                if (object.reconnects != null)
                    message.reconnects = object.reconnects >>> 0;
                if (object.job_id != null)
                    message.job_id = String(object.job_id);
                return message;
            };

            Hello.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.protocol_version = "";
                    object.rank = 0;
                    object.host = "";
                    object.threads = 0;
                    object.pid = 0;
                    object.reconnects = 0;
                    object.job_id = "";
                }
                if (message.protocol_version != null && Object.hasOwnProperty.call(message, "protocol_version"))
                    object.protocol_version = message.protocol_version;
                if (message.rank != null && Object.hasOwnProperty.call(message, "rank"))
                    object.rank = message.rank;
                if (message.host != null && Object.hasOwnProperty.call(message, "host"))
                    object.host = message.host;
                if (message.threads != null && Object.hasOwnProperty.call(message, "threads"))
                    object.threads = message.threads;
                if (message.pid != null && Object.hasOwnProperty.call(message, "pid"))
                    object.pid = message.pid;
                if (message.reconnects != null && Object.hasOwnProperty.call(message, "reconnects"))
                    object.reconnects = message.reconnects;
                if (message.job_id != null && Object.hasOwnProperty.call(message, "job_id"))
                    object.job_id = message.job_id;
                return object;
            };

            Hello.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Hello;
        })();

        v1.Credit = (function() {

            function Credit(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Credit.prototype.units = 0;
            Credit.prototype.window = 0;

            Credit.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.units != null && Object.hasOwnProperty.call(message, "units"))
                    writer.uint32(8).uint32(message.units);
                if (message.window != null && Object.hasOwnProperty.call(message, "window"))
                    writer.uint32(16).uint32(message.window);
                return writer;
            };

            Credit.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.Credit();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.units = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.window = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Credit.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.Credit)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.Credit: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.Credit();
                if (object.units != null)
                    message.units = object.units >>> 0;
                if (object.window != null)
                    message.window = object.window >>> 0;
                return message;
            };

            Credit.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.units = 0;
                    object.window = 0;
                }
                if (message.units != null && Object.hasOwnProperty.call(message, "units"))
                    object.units = message.units;
                if (message.window != null && Object.hasOwnProperty.call(message, "window"))
                    object.window = message.window;
                return object;
            };

            Credit.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Credit;
        })();

        v1.RgbaEncoding = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "RGBA_RAW"] = 0;
            values[valuesById[2] = "RGBA_RUNS"] = 2;
            return values;
        })();

        v1.UnitResult = (function() {

            function UnitResult(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            UnitResult.prototype.unit = 0;
            UnitResult.prototype.rgba = $util.newBuffer([]);
            UnitResult.prototype.iterations = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            UnitResult.prototype.compute_ns = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            UnitResult.prototype.encoding = 0;

            UnitResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.unit != null && Object.hasOwnProperty.call(message, "unit"))
                    writer.uint32(8).uint32(message.unit);
                if (message.rgba != null && Object.hasOwnProperty.call(message, "rgba"))
                    writer.uint32(18).bytes(message.rgba);
                if (message.iterations != null && Object.hasOwnProperty.call(message, "iterations"))
                    writer.uint32(24).uint64(message.iterations);
                if (message.compute_ns != null && Object.hasOwnProperty.call(message, "compute_ns"))
                    writer.uint32(32).uint64(message.compute_ns);
                if (message.encoding != null && Object.hasOwnProperty.call(message, "encoding"))
                    writer.uint32(40).int32(message.encoding);
                return writer;
            };

            UnitResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.UnitResult();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.unit = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.rgba = reader.bytes();
                            break;
                        }
                    case 3: {
                            message.iterations = reader.uint64();
                            break;
                        }
                    case 4: {
                            message.compute_ns = reader.uint64();
                            break;
                        }
                    case 5: {
                            message.encoding = reader.int32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            UnitResult.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.UnitResult)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.UnitResult: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.UnitResult();
                if (object.unit != null)
                    message.unit = object.unit >>> 0;
                if (object.rgba != null)
                    if (typeof object.rgba === "string")
                        $util.base64.decode(object.rgba, message.rgba = $util.newBuffer($util.base64.length(object.rgba)), 0);
                    else if (object.rgba.length >= 0)
                        message.rgba = object.rgba;
                if (object.iterations != null)
                    if ($util.Long)
                        message.iterations = $util.Long.fromValue(object.iterations, true);
                    else if (typeof object.iterations === "string")
                        message.iterations = parseInt(object.iterations, 10);
                    else if (typeof object.iterations === "number")
                        message.iterations = object.iterations;
                    else if (typeof object.iterations === "object")
                        message.iterations = new $util.LongBits(object.iterations.low >>> 0, object.iterations.high >>> 0).toNumber(true);
                if (object.compute_ns != null)
                    if ($util.Long)
                        message.compute_ns = $util.Long.fromValue(object.compute_ns, true);
                    else if (typeof object.compute_ns === "string")
                        message.compute_ns = parseInt(object.compute_ns, 10);
                    else if (typeof object.compute_ns === "number")
                        message.compute_ns = object.compute_ns;
                    else if (typeof object.compute_ns === "object")
                        message.compute_ns = new $util.LongBits(object.compute_ns.low >>> 0, object.compute_ns.high >>> 0).toNumber(true);
                switch (object.encoding) {
                default:
                    if (typeof object.encoding === "number") {
                        message.encoding = object.encoding;
                        break;
                    }
                    break;
                case "RGBA_RAW":
                case 0:
                    message.encoding = 0;
                    break;
                case "RGBA_RUNS":
                case 2:
                    message.encoding = 2;
                    break;
                }
                return message;
            };

            UnitResult.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.unit = 0;
                    if (options.bytes === String)
                        object.rgba = "";
                    else {
                        object.rgba = [];
                        if (options.bytes !== Array)
                            object.rgba = $util.newBuffer(object.rgba);
                    }
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.iterations = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : typeof BigInt !== "undefined" && options.longs === BigInt ? long.toBigInt() : long;
                    } else
                        object.iterations = options.longs === String ? "0" : typeof BigInt !== "undefined" && options.longs === BigInt ? BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.compute_ns = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : typeof BigInt !== "undefined" && options.longs === BigInt ? long.toBigInt() : long;
                    } else
                        object.compute_ns = options.longs === String ? "0" : typeof BigInt !== "undefined" && options.longs === BigInt ? BigInt("0") : 0;
                    object.encoding = options.enums === String ? "RGBA_RAW" : 0;
                }
                if (message.unit != null && Object.hasOwnProperty.call(message, "unit"))
                    object.unit = message.unit;
                if (message.rgba != null && Object.hasOwnProperty.call(message, "rgba"))
                    object.rgba = options.bytes === String ? $util.base64.encode(message.rgba, 0, message.rgba.length) : options.bytes === Array ? Array.prototype.slice.call(message.rgba) : message.rgba;
                if (message.iterations != null && Object.hasOwnProperty.call(message, "iterations"))
                    if (typeof BigInt !== "undefined" && options.longs === BigInt)
                        object.iterations = typeof message.iterations === "number" ? BigInt(message.iterations) : $util.Long.fromBits(message.iterations.low >>> 0, message.iterations.high >>> 0, true).toBigInt();
                    else if (typeof message.iterations === "number")
                        object.iterations = options.longs === String ? String(message.iterations) : message.iterations;
                    else
                        object.iterations = options.longs === String ? $util.Long.prototype.toString.call(message.iterations) : options.longs === Number ? new $util.LongBits(message.iterations.low >>> 0, message.iterations.high >>> 0).toNumber(true) : message.iterations;
                if (message.compute_ns != null && Object.hasOwnProperty.call(message, "compute_ns"))
                    if (typeof BigInt !== "undefined" && options.longs === BigInt)
                        object.compute_ns = typeof message.compute_ns === "number" ? BigInt(message.compute_ns) : $util.Long.fromBits(message.compute_ns.low >>> 0, message.compute_ns.high >>> 0, true).toBigInt();
                    else if (typeof message.compute_ns === "number")
                        object.compute_ns = options.longs === String ? String(message.compute_ns) : message.compute_ns;
                    else
                        object.compute_ns = options.longs === String ? $util.Long.prototype.toString.call(message.compute_ns) : options.longs === Number ? new $util.LongBits(message.compute_ns.low >>> 0, message.compute_ns.high >>> 0).toNumber(true) : message.compute_ns;
                if (message.encoding != null && Object.hasOwnProperty.call(message, "encoding"))
                    object.encoding = options.enums === String ? $root.fractal.v1.RgbaEncoding[message.encoding] === undefined ? message.encoding : $root.fractal.v1.RgbaEncoding[message.encoding] : message.encoding;
                return object;
            };

            UnitResult.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return UnitResult;
        })();

        v1.Results = (function() {

            function Results(properties) {
                this.results = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Results.prototype.results = $util.emptyArray;

            Results.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.results != null && message.results.length)
                    for (let i = 0; i < message.results.length; ++i)
                        $root.fractal.v1.UnitResult.encode(message.results[i], writer.uint32(10).fork(), q + 1).ldelim();
                return writer;
            };

            Results.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.Results();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.results && message.results.length))
                                message.results = [];
                            message.results.push($root.fractal.v1.UnitResult.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Results.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.Results)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.Results: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.Results();
                if (object.results) {
                    if (!Array.isArray(object.results))
                        throw TypeError(".fractal.v1.Results.results: array expected");
                    message.results = [];
                    for (let i = 0; i < object.results.length; ++i) {
                        if (!$util.isObject(object.results[i]))
                            throw TypeError(".fractal.v1.Results.results: object expected");
                        message.results[i] = $root.fractal.v1.UnitResult.fromObject(object.results[i], long + 1);
                    }
                }
                return message;
            };

            Results.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.results = [];
                if (message.results && message.results.length) {
                    object.results = [];
                    for (let j = 0; j < message.results.length; ++j)
                        object.results[j] = $root.fractal.v1.UnitResult.toObject(message.results[j], options, q + 1);
                }
                return object;
            };

            Results.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Results;
        })();

        v1.Heartbeat = (function() {

            function Heartbeat(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Heartbeat.prototype.units_in_progress = 0;
            Heartbeat.prototype.probe = 0;
            Heartbeat.prototype.rtt_ms = 0;

            Heartbeat.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.units_in_progress != null && Object.hasOwnProperty.call(message, "units_in_progress"))
                    writer.uint32(8).uint32(message.units_in_progress);
                if (message.probe != null && Object.hasOwnProperty.call(message, "probe"))
                    writer.uint32(16).uint32(message.probe);
                if (message.rtt_ms != null && Object.hasOwnProperty.call(message, "rtt_ms"))
                    writer.uint32(29).float(message.rtt_ms);
                return writer;
            };

            Heartbeat.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.Heartbeat();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.units_in_progress = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.probe = reader.uint32();
                            break;
                        }
                    case 3: {
                            message.rtt_ms = reader.float();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Heartbeat.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.Heartbeat)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.Heartbeat: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.Heartbeat();
                if (object.units_in_progress != null)
                    message.units_in_progress = object.units_in_progress >>> 0;
                if (object.probe != null)
                    message.probe = object.probe >>> 0;
                if (object.rtt_ms != null)
                    message.rtt_ms = Number(object.rtt_ms);
                return message;
            };

            Heartbeat.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.units_in_progress = 0;
                    object.probe = 0;
                    object.rtt_ms = 0;
                }
                if (message.units_in_progress != null && Object.hasOwnProperty.call(message, "units_in_progress"))
                    object.units_in_progress = message.units_in_progress;
                if (message.probe != null && Object.hasOwnProperty.call(message, "probe"))
                    object.probe = message.probe;
                if (message.rtt_ms != null && Object.hasOwnProperty.call(message, "rtt_ms"))
                    object.rtt_ms = options.json && !isFinite(message.rtt_ms) ? String(message.rtt_ms) : message.rtt_ms;
                return object;
            };

            Heartbeat.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Heartbeat;
        })();

        v1.FinalMetrics = (function() {

            function FinalMetrics(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            FinalMetrics.prototype.node = null;

            FinalMetrics.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.node != null && Object.hasOwnProperty.call(message, "node"))
                    $root.fractal.v1.NodeReport.encode(message.node, writer.uint32(10).fork(), q + 1).ldelim();
                return writer;
            };

            FinalMetrics.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.FinalMetrics();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.node = $root.fractal.v1.NodeReport.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            FinalMetrics.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.FinalMetrics)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.FinalMetrics: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.FinalMetrics();
                if (object.node != null) {
                    if (!$util.isObject(object.node))
                        throw TypeError(".fractal.v1.FinalMetrics.node: object expected");
                    message.node = $root.fractal.v1.NodeReport.fromObject(object.node, long + 1);
                }
                return message;
            };

            FinalMetrics.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.node = null;
                if (message.node != null && Object.hasOwnProperty.call(message, "node"))
                    object.node = $root.fractal.v1.NodeReport.toObject(message.node, options, q + 1);
                return object;
            };

            FinalMetrics.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return FinalMetrics;
        })();

        v1.NodeReport = (function() {

            function NodeReport(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            NodeReport.prototype.host = "";
            NodeReport.prototype.threads = 0;
            NodeReport.prototype.units = 0;
            NodeReport.prototype.rows = 0;
            NodeReport.prototype.pixels = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            NodeReport.prototype.iterations = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            NodeReport.prototype.compute_ms = 0;
            NodeReport.prototype.idle_ms = 0;
            NodeReport.prototype.bytes_sent = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            NodeReport.prototype.bytes_received = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            NodeReport.prototype.reconnects = 0;
            NodeReport.prototype.kernel = "";
            NodeReport.prototype.process = null;
            NodeReport.prototype.network = null;

            NodeReport.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.host != null && Object.hasOwnProperty.call(message, "host"))
                    writer.uint32(10).string(message.host);
                if (message.threads != null && Object.hasOwnProperty.call(message, "threads"))
                    writer.uint32(16).uint32(message.threads);
                if (message.units != null && Object.hasOwnProperty.call(message, "units"))
                    writer.uint32(24).uint32(message.units);
                if (message.rows != null && Object.hasOwnProperty.call(message, "rows"))
                    writer.uint32(32).uint32(message.rows);
                if (message.pixels != null && Object.hasOwnProperty.call(message, "pixels"))
                    writer.uint32(40).uint64(message.pixels);
                if (message.iterations != null && Object.hasOwnProperty.call(message, "iterations"))
                    writer.uint32(48).uint64(message.iterations);
                if (message.compute_ms != null && Object.hasOwnProperty.call(message, "compute_ms"))
                    writer.uint32(57).double(message.compute_ms);
                if (message.idle_ms != null && Object.hasOwnProperty.call(message, "idle_ms"))
                    writer.uint32(65).double(message.idle_ms);
                if (message.bytes_sent != null && Object.hasOwnProperty.call(message, "bytes_sent"))
                    writer.uint32(72).uint64(message.bytes_sent);
                if (message.bytes_received != null && Object.hasOwnProperty.call(message, "bytes_received"))
                    writer.uint32(80).uint64(message.bytes_received);
                if (message.reconnects != null && Object.hasOwnProperty.call(message, "reconnects"))
                    writer.uint32(88).uint32(message.reconnects);
                if (message.kernel != null && Object.hasOwnProperty.call(message, "kernel"))
                    writer.uint32(98).string(message.kernel);
                if (message.process != null && Object.hasOwnProperty.call(message, "process"))
                    $root.fractal.v1.ProcessReport.encode(message.process, writer.uint32(106).fork(), q + 1).ldelim();
                if (message.network != null && Object.hasOwnProperty.call(message, "network"))
                    $root.fractal.v1.NetworkReport.encode(message.network, writer.uint32(114).fork(), q + 1).ldelim();
                return writer;
            };

            NodeReport.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.NodeReport();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.host = reader.string();
                            break;
                        }
                    case 2: {
                            message.threads = reader.uint32();
                            break;
                        }
                    case 3: {
                            message.units = reader.uint32();
                            break;
                        }
                    case 4: {
                            message.rows = reader.uint32();
                            break;
                        }
                    case 5: {
                            message.pixels = reader.uint64();
                            break;
                        }
                    case 6: {
                            message.iterations = reader.uint64();
                            break;
                        }
                    case 7: {
                            message.compute_ms = reader.double();
                            break;
                        }
                    case 8: {
                            message.idle_ms = reader.double();
                            break;
                        }
                    case 9: {
                            message.bytes_sent = reader.uint64();
                            break;
                        }
                    case 10: {
                            message.bytes_received = reader.uint64();
                            break;
                        }
                    case 11: {
                            message.reconnects = reader.uint32();
                            break;
                        }
                    case 12: {
                            message.kernel = reader.string();
                            break;
                        }
                    case 13: {
                            message.process = $root.fractal.v1.ProcessReport.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 14: {
                            message.network = $root.fractal.v1.NetworkReport.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            NodeReport.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.NodeReport)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.NodeReport: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.NodeReport();
                if (object.host != null)
                    message.host = String(object.host);
                if (object.threads != null)
                    message.threads = object.threads >>> 0;
                if (object.units != null)
                    message.units = object.units >>> 0;
                if (object.rows != null)
                    message.rows = object.rows >>> 0;
                if (object.pixels != null)
                    if ($util.Long)
                        message.pixels = $util.Long.fromValue(object.pixels, true);
                    else if (typeof object.pixels === "string")
                        message.pixels = parseInt(object.pixels, 10);
                    else if (typeof object.pixels === "number")
                        message.pixels = object.pixels;
                    else if (typeof object.pixels === "object")
                        message.pixels = new $util.LongBits(object.pixels.low >>> 0, object.pixels.high >>> 0).toNumber(true);
                if (object.iterations != null)
                    if ($util.Long)
                        message.iterations = $util.Long.fromValue(object.iterations, true);
                    else if (typeof object.iterations === "string")
                        message.iterations = parseInt(object.iterations, 10);
                    else if (typeof object.iterations === "number")
                        message.iterations = object.iterations;
                    else if (typeof object.iterations === "object")
                        message.iterations = new $util.LongBits(object.iterations.low >>> 0, object.iterations.high >>> 0).toNumber(true);
                if (object.compute_ms != null)
                    message.compute_ms = Number(object.compute_ms);
                if (object.idle_ms != null)
                    message.idle_ms = Number(object.idle_ms);
                if (object.bytes_sent != null)
                    if ($util.Long)
                        message.bytes_sent = $util.Long.fromValue(object.bytes_sent, true);
                    else if (typeof object.bytes_sent === "string")
                        message.bytes_sent = parseInt(object.bytes_sent, 10);
                    else if (typeof object.bytes_sent === "number")
                        message.bytes_sent = object.bytes_sent;
                    else if (typeof object.bytes_sent === "object")
                        message.bytes_sent = new $util.LongBits(object.bytes_sent.low >>> 0, object.bytes_sent.high >>> 0).toNumber(true);
                if (object.bytes_received != null)
                    if ($util.Long)
                        message.bytes_received = $util.Long.fromValue(object.bytes_received, true);
                    else if (typeof object.bytes_received === "string")
                        message.bytes_received = parseInt(object.bytes_received, 10);
                    else if (typeof object.bytes_received === "number")
                        message.bytes_received = object.bytes_received;
                    else if (typeof object.bytes_received === "object")
                        message.bytes_received = new $util.LongBits(object.bytes_received.low >>> 0, object.bytes_received.high >>> 0).toNumber(true);
                if (object.reconnects != null)
                    message.reconnects = object.reconnects >>> 0;
                if (object.kernel != null)
                    message.kernel = String(object.kernel);
                if (object.process != null) {
                    if (!$util.isObject(object.process))
                        throw TypeError(".fractal.v1.NodeReport.process: object expected");
                    message.process = $root.fractal.v1.ProcessReport.fromObject(object.process, long + 1);
                }
                if (object.network != null) {
                    if (!$util.isObject(object.network))
                        throw TypeError(".fractal.v1.NodeReport.network: object expected");
                    message.network = $root.fractal.v1.NetworkReport.fromObject(object.network, long + 1);
                }
                return message;
            };

            NodeReport.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.host = "";
                    object.threads = 0;
                    object.units = 0;
                    object.rows = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.pixels = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : typeof BigInt !== "undefined" && options.longs === BigInt ? long.toBigInt() : long;
                    } else
                        object.pixels = options.longs === String ? "0" : typeof BigInt !== "undefined" && options.longs === BigInt ? BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.iterations = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : typeof BigInt !== "undefined" && options.longs === BigInt ? long.toBigInt() : long;
                    } else
                        object.iterations = options.longs === String ? "0" : typeof BigInt !== "undefined" && options.longs === BigInt ? BigInt("0") : 0;
                    object.compute_ms = 0;
                    object.idle_ms = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.bytes_sent = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : typeof BigInt !== "undefined" && options.longs === BigInt ? long.toBigInt() : long;
                    } else
                        object.bytes_sent = options.longs === String ? "0" : typeof BigInt !== "undefined" && options.longs === BigInt ? BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.bytes_received = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : typeof BigInt !== "undefined" && options.longs === BigInt ? long.toBigInt() : long;
                    } else
                        object.bytes_received = options.longs === String ? "0" : typeof BigInt !== "undefined" && options.longs === BigInt ? BigInt("0") : 0;
                    object.reconnects = 0;
                    object.kernel = "";
                    object.process = null;
                    object.network = null;
                }
                if (message.host != null && Object.hasOwnProperty.call(message, "host"))
                    object.host = message.host;
                if (message.threads != null && Object.hasOwnProperty.call(message, "threads"))
                    object.threads = message.threads;
                if (message.units != null && Object.hasOwnProperty.call(message, "units"))
                    object.units = message.units;
                if (message.rows != null && Object.hasOwnProperty.call(message, "rows"))
                    object.rows = message.rows;
                if (message.pixels != null && Object.hasOwnProperty.call(message, "pixels"))
                    if (typeof BigInt !== "undefined" && options.longs === BigInt)
                        object.pixels = typeof message.pixels === "number" ? BigInt(message.pixels) : $util.Long.fromBits(message.pixels.low >>> 0, message.pixels.high >>> 0, true).toBigInt();
                    else if (typeof message.pixels === "number")
                        object.pixels = options.longs === String ? String(message.pixels) : message.pixels;
                    else
                        object.pixels = options.longs === String ? $util.Long.prototype.toString.call(message.pixels) : options.longs === Number ? new $util.LongBits(message.pixels.low >>> 0, message.pixels.high >>> 0).toNumber(true) : message.pixels;
                if (message.iterations != null && Object.hasOwnProperty.call(message, "iterations"))
                    if (typeof BigInt !== "undefined" && options.longs === BigInt)
                        object.iterations = typeof message.iterations === "number" ? BigInt(message.iterations) : $util.Long.fromBits(message.iterations.low >>> 0, message.iterations.high >>> 0, true).toBigInt();
                    else if (typeof message.iterations === "number")
                        object.iterations = options.longs === String ? String(message.iterations) : message.iterations;
                    else
                        object.iterations = options.longs === String ? $util.Long.prototype.toString.call(message.iterations) : options.longs === Number ? new $util.LongBits(message.iterations.low >>> 0, message.iterations.high >>> 0).toNumber(true) : message.iterations;
                if (message.compute_ms != null && Object.hasOwnProperty.call(message, "compute_ms"))
                    object.compute_ms = options.json && !isFinite(message.compute_ms) ? String(message.compute_ms) : message.compute_ms;
                if (message.idle_ms != null && Object.hasOwnProperty.call(message, "idle_ms"))
                    object.idle_ms = options.json && !isFinite(message.idle_ms) ? String(message.idle_ms) : message.idle_ms;
                if (message.bytes_sent != null && Object.hasOwnProperty.call(message, "bytes_sent"))
                    if (typeof BigInt !== "undefined" && options.longs === BigInt)
                        object.bytes_sent = typeof message.bytes_sent === "number" ? BigInt(message.bytes_sent) : $util.Long.fromBits(message.bytes_sent.low >>> 0, message.bytes_sent.high >>> 0, true).toBigInt();
                    else if (typeof message.bytes_sent === "number")
                        object.bytes_sent = options.longs === String ? String(message.bytes_sent) : message.bytes_sent;
                    else
                        object.bytes_sent = options.longs === String ? $util.Long.prototype.toString.call(message.bytes_sent) : options.longs === Number ? new $util.LongBits(message.bytes_sent.low >>> 0, message.bytes_sent.high >>> 0).toNumber(true) : message.bytes_sent;
                if (message.bytes_received != null && Object.hasOwnProperty.call(message, "bytes_received"))
                    if (typeof BigInt !== "undefined" && options.longs === BigInt)
                        object.bytes_received = typeof message.bytes_received === "number" ? BigInt(message.bytes_received) : $util.Long.fromBits(message.bytes_received.low >>> 0, message.bytes_received.high >>> 0, true).toBigInt();
                    else if (typeof message.bytes_received === "number")
                        object.bytes_received = options.longs === String ? String(message.bytes_received) : message.bytes_received;
                    else
                        object.bytes_received = options.longs === String ? $util.Long.prototype.toString.call(message.bytes_received) : options.longs === Number ? new $util.LongBits(message.bytes_received.low >>> 0, message.bytes_received.high >>> 0).toNumber(true) : message.bytes_received;
                if (message.reconnects != null && Object.hasOwnProperty.call(message, "reconnects"))
                    object.reconnects = message.reconnects;
                if (message.kernel != null && Object.hasOwnProperty.call(message, "kernel"))
                    object.kernel = message.kernel;
                if (message.process != null && Object.hasOwnProperty.call(message, "process"))
                    object.process = $root.fractal.v1.ProcessReport.toObject(message.process, options, q + 1);
                if (message.network != null && Object.hasOwnProperty.call(message, "network"))
                    object.network = $root.fractal.v1.NetworkReport.toObject(message.network, options, q + 1);
                return object;
            };

            NodeReport.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return NodeReport;
        })();

        v1.NetworkReport = (function() {

            function NetworkReport(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            NetworkReport.prototype.rtt_median_ms = 0;
            NetworkReport.prototype.rtt_p99_ms = 0;
            NetworkReport.prototype.rtt_max_ms = 0;
            NetworkReport.prototype.rtt_samples = 0;
            NetworkReport.prototype.starved_ms = 0;
            NetworkReport.prototype.in_flight_mean = 0;
            NetworkReport.prototype.in_flight_max = 0;
            NetworkReport.prototype.window_final = 0;
            NetworkReport.prototype.window_max = 0;

            NetworkReport.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.rtt_median_ms != null && Object.hasOwnProperty.call(message, "rtt_median_ms"))
                    writer.uint32(9).double(message.rtt_median_ms);
                if (message.rtt_p99_ms != null && Object.hasOwnProperty.call(message, "rtt_p99_ms"))
                    writer.uint32(17).double(message.rtt_p99_ms);
                if (message.rtt_max_ms != null && Object.hasOwnProperty.call(message, "rtt_max_ms"))
                    writer.uint32(25).double(message.rtt_max_ms);
                if (message.rtt_samples != null && Object.hasOwnProperty.call(message, "rtt_samples"))
                    writer.uint32(32).uint32(message.rtt_samples);
                if (message.starved_ms != null && Object.hasOwnProperty.call(message, "starved_ms"))
                    writer.uint32(41).double(message.starved_ms);
                if (message.in_flight_mean != null && Object.hasOwnProperty.call(message, "in_flight_mean"))
                    writer.uint32(49).double(message.in_flight_mean);
                if (message.in_flight_max != null && Object.hasOwnProperty.call(message, "in_flight_max"))
                    writer.uint32(56).uint32(message.in_flight_max);
                if (message.window_final != null && Object.hasOwnProperty.call(message, "window_final"))
                    writer.uint32(64).uint32(message.window_final);
                if (message.window_max != null && Object.hasOwnProperty.call(message, "window_max"))
                    writer.uint32(72).uint32(message.window_max);
                return writer;
            };

            NetworkReport.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.NetworkReport();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.rtt_median_ms = reader.double();
                            break;
                        }
                    case 2: {
                            message.rtt_p99_ms = reader.double();
                            break;
                        }
                    case 3: {
                            message.rtt_max_ms = reader.double();
                            break;
                        }
                    case 4: {
                            message.rtt_samples = reader.uint32();
                            break;
                        }
                    case 5: {
                            message.starved_ms = reader.double();
                            break;
                        }
                    case 6: {
                            message.in_flight_mean = reader.double();
                            break;
                        }
                    case 7: {
                            message.in_flight_max = reader.uint32();
                            break;
                        }
                    case 8: {
                            message.window_final = reader.uint32();
                            break;
                        }
                    case 9: {
                            message.window_max = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            NetworkReport.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.NetworkReport)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.NetworkReport: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.NetworkReport();
                if (object.rtt_median_ms != null)
                    message.rtt_median_ms = Number(object.rtt_median_ms);
                if (object.rtt_p99_ms != null)
                    message.rtt_p99_ms = Number(object.rtt_p99_ms);
                if (object.rtt_max_ms != null)
                    message.rtt_max_ms = Number(object.rtt_max_ms);
                if (object.rtt_samples != null)
                    message.rtt_samples = object.rtt_samples >>> 0;
                if (object.starved_ms != null)
                    message.starved_ms = Number(object.starved_ms);
                if (object.in_flight_mean != null)
                    message.in_flight_mean = Number(object.in_flight_mean);
                if (object.in_flight_max != null)
                    message.in_flight_max = object.in_flight_max >>> 0;
                if (object.window_final != null)
                    message.window_final = object.window_final >>> 0;
                if (object.window_max != null)
                    message.window_max = object.window_max >>> 0;
                return message;
            };

            NetworkReport.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.rtt_median_ms = 0;
                    object.rtt_p99_ms = 0;
                    object.rtt_max_ms = 0;
                    object.rtt_samples = 0;
                    object.starved_ms = 0;
                    object.in_flight_mean = 0;
                    object.in_flight_max = 0;
                    object.window_final = 0;
                    object.window_max = 0;
                }
                if (message.rtt_median_ms != null && Object.hasOwnProperty.call(message, "rtt_median_ms"))
                    object.rtt_median_ms = options.json && !isFinite(message.rtt_median_ms) ? String(message.rtt_median_ms) : message.rtt_median_ms;
                if (message.rtt_p99_ms != null && Object.hasOwnProperty.call(message, "rtt_p99_ms"))
                    object.rtt_p99_ms = options.json && !isFinite(message.rtt_p99_ms) ? String(message.rtt_p99_ms) : message.rtt_p99_ms;
                if (message.rtt_max_ms != null && Object.hasOwnProperty.call(message, "rtt_max_ms"))
                    object.rtt_max_ms = options.json && !isFinite(message.rtt_max_ms) ? String(message.rtt_max_ms) : message.rtt_max_ms;
                if (message.rtt_samples != null && Object.hasOwnProperty.call(message, "rtt_samples"))
                    object.rtt_samples = message.rtt_samples;
                if (message.starved_ms != null && Object.hasOwnProperty.call(message, "starved_ms"))
                    object.starved_ms = options.json && !isFinite(message.starved_ms) ? String(message.starved_ms) : message.starved_ms;
                if (message.in_flight_mean != null && Object.hasOwnProperty.call(message, "in_flight_mean"))
                    object.in_flight_mean = options.json && !isFinite(message.in_flight_mean) ? String(message.in_flight_mean) : message.in_flight_mean;
                if (message.in_flight_max != null && Object.hasOwnProperty.call(message, "in_flight_max"))
                    object.in_flight_max = message.in_flight_max;
                if (message.window_final != null && Object.hasOwnProperty.call(message, "window_final"))
                    object.window_final = message.window_final;
                if (message.window_max != null && Object.hasOwnProperty.call(message, "window_max"))
                    object.window_max = message.window_max;
                return object;
            };

            NetworkReport.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return NetworkReport;
        })();

        v1.GcReport = (function() {

            function GcReport(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            GcReport.prototype.count = 0;
            GcReport.prototype.pause_ms = 0;

            GcReport.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    writer.uint32(8).uint32(message.count);
                if (message.pause_ms != null && Object.hasOwnProperty.call(message, "pause_ms"))
                    writer.uint32(17).double(message.pause_ms);
                return writer;
            };

            GcReport.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.GcReport();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.count = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.pause_ms = reader.double();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            GcReport.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.GcReport)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.GcReport: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.GcReport();
                if (object.count != null)
                    message.count = object.count >>> 0;
                if (object.pause_ms != null)
                    message.pause_ms = Number(object.pause_ms);
                return message;
            };

            GcReport.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.count = 0;
                    object.pause_ms = 0;
                }
                if (message.count != null && Object.hasOwnProperty.call(message, "count"))
                    object.count = message.count;
                if (message.pause_ms != null && Object.hasOwnProperty.call(message, "pause_ms"))
                    object.pause_ms = options.json && !isFinite(message.pause_ms) ? String(message.pause_ms) : message.pause_ms;
                return object;
            };

            GcReport.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return GcReport;
        })();

        v1.ProcessReport = (function() {

            function ProcessReport(properties) {
                this.gc = {};
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            ProcessReport.prototype.cpu_user_ms = 0;
            ProcessReport.prototype.cpu_system_ms = 0;
            ProcessReport.prototype.max_rss_bytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            ProcessReport.prototype.heap_used_bytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            ProcessReport.prototype.heap_total_bytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
            ProcessReport.prototype.gc = $util.emptyObject;
            ProcessReport.prototype.event_loop_utilization = 0;
            ProcessReport.prototype.event_loop_delay_p50_ms = 0;
            ProcessReport.prototype.event_loop_delay_p99_ms = 0;
            ProcessReport.prototype.event_loop_delay_max_ms = 0;

            ProcessReport.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.cpu_user_ms != null && Object.hasOwnProperty.call(message, "cpu_user_ms"))
                    writer.uint32(9).double(message.cpu_user_ms);
                if (message.cpu_system_ms != null && Object.hasOwnProperty.call(message, "cpu_system_ms"))
                    writer.uint32(17).double(message.cpu_system_ms);
                if (message.max_rss_bytes != null && Object.hasOwnProperty.call(message, "max_rss_bytes"))
                    writer.uint32(24).uint64(message.max_rss_bytes);
                if (message.heap_used_bytes != null && Object.hasOwnProperty.call(message, "heap_used_bytes"))
                    writer.uint32(32).uint64(message.heap_used_bytes);
                if (message.heap_total_bytes != null && Object.hasOwnProperty.call(message, "heap_total_bytes"))
                    writer.uint32(40).uint64(message.heap_total_bytes);
                if (message.gc != null && Object.hasOwnProperty.call(message, "gc"))
                    for (let keys = Object.keys(message.gc), i = 0; i < keys.length; ++i) {
                        writer.uint32(50).fork().uint32(10).string(keys[i]);
                        $root.fractal.v1.GcReport.encode(message.gc[keys[i]], writer.uint32(18).fork(), q + 1).ldelim().ldelim();
                    }
                if (message.event_loop_utilization != null && Object.hasOwnProperty.call(message, "event_loop_utilization"))
                    writer.uint32(57).double(message.event_loop_utilization);
                if (message.event_loop_delay_p50_ms != null && Object.hasOwnProperty.call(message, "event_loop_delay_p50_ms"))
                    writer.uint32(65).double(message.event_loop_delay_p50_ms);
                if (message.event_loop_delay_p99_ms != null && Object.hasOwnProperty.call(message, "event_loop_delay_p99_ms"))
                    writer.uint32(73).double(message.event_loop_delay_p99_ms);
                if (message.event_loop_delay_max_ms != null && Object.hasOwnProperty.call(message, "event_loop_delay_max_ms"))
                    writer.uint32(81).double(message.event_loop_delay_max_ms);
                return writer;
            };

            ProcessReport.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.ProcessReport();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.cpu_user_ms = reader.double();
                            break;
                        }
                    case 2: {
                            message.cpu_system_ms = reader.double();
                            break;
                        }
                    case 3: {
                            message.max_rss_bytes = reader.uint64();
                            break;
                        }
                    case 4: {
                            message.heap_used_bytes = reader.uint64();
                            break;
                        }
                    case 5: {
                            message.heap_total_bytes = reader.uint64();
                            break;
                        }
                    case 6: {
                            if (message.gc === $util.emptyObject)
                                message.gc = {};
                            let end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = null;
                            while (reader.pos < end2) {
                                let tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = $root.fractal.v1.GcReport.decode(reader, reader.uint32(), undefined, long + 1);
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.gc, key);
                            message.gc[key] = value;
                            break;
                        }
                    case 7: {
                            message.event_loop_utilization = reader.double();
                            break;
                        }
                    case 8: {
                            message.event_loop_delay_p50_ms = reader.double();
                            break;
                        }
                    case 9: {
                            message.event_loop_delay_p99_ms = reader.double();
                            break;
                        }
                    case 10: {
                            message.event_loop_delay_max_ms = reader.double();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            ProcessReport.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.ProcessReport)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.ProcessReport: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.ProcessReport();
                if (object.cpu_user_ms != null)
                    message.cpu_user_ms = Number(object.cpu_user_ms);
                if (object.cpu_system_ms != null)
                    message.cpu_system_ms = Number(object.cpu_system_ms);
                if (object.max_rss_bytes != null)
                    if ($util.Long)
                        message.max_rss_bytes = $util.Long.fromValue(object.max_rss_bytes, true);
                    else if (typeof object.max_rss_bytes === "string")
                        message.max_rss_bytes = parseInt(object.max_rss_bytes, 10);
                    else if (typeof object.max_rss_bytes === "number")
                        message.max_rss_bytes = object.max_rss_bytes;
                    else if (typeof object.max_rss_bytes === "object")
                        message.max_rss_bytes = new $util.LongBits(object.max_rss_bytes.low >>> 0, object.max_rss_bytes.high >>> 0).toNumber(true);
                if (object.heap_used_bytes != null)
                    if ($util.Long)
                        message.heap_used_bytes = $util.Long.fromValue(object.heap_used_bytes, true);
                    else if (typeof object.heap_used_bytes === "string")
                        message.heap_used_bytes = parseInt(object.heap_used_bytes, 10);
                    else if (typeof object.heap_used_bytes === "number")
                        message.heap_used_bytes = object.heap_used_bytes;
                    else if (typeof object.heap_used_bytes === "object")
                        message.heap_used_bytes = new $util.LongBits(object.heap_used_bytes.low >>> 0, object.heap_used_bytes.high >>> 0).toNumber(true);
                if (object.heap_total_bytes != null)
                    if ($util.Long)
                        message.heap_total_bytes = $util.Long.fromValue(object.heap_total_bytes, true);
                    else if (typeof object.heap_total_bytes === "string")
                        message.heap_total_bytes = parseInt(object.heap_total_bytes, 10);
                    else if (typeof object.heap_total_bytes === "number")
                        message.heap_total_bytes = object.heap_total_bytes;
                    else if (typeof object.heap_total_bytes === "object")
                        message.heap_total_bytes = new $util.LongBits(object.heap_total_bytes.low >>> 0, object.heap_total_bytes.high >>> 0).toNumber(true);
                if (object.gc) {
                    if (!$util.isObject(object.gc))
                        throw TypeError(".fractal.v1.ProcessReport.gc: object expected");
                    message.gc = {};
                    for (let keys = Object.keys(object.gc), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.gc, keys[i]);
                        if (!$util.isObject(object.gc[keys[i]]))
                            throw TypeError(".fractal.v1.ProcessReport.gc: object expected");
                        message.gc[keys[i]] = $root.fractal.v1.GcReport.fromObject(object.gc[keys[i]], long + 1);
                    }
                }
                if (object.event_loop_utilization != null)
                    message.event_loop_utilization = Number(object.event_loop_utilization);
                if (object.event_loop_delay_p50_ms != null)
                    message.event_loop_delay_p50_ms = Number(object.event_loop_delay_p50_ms);
                if (object.event_loop_delay_p99_ms != null)
                    message.event_loop_delay_p99_ms = Number(object.event_loop_delay_p99_ms);
                if (object.event_loop_delay_max_ms != null)
                    message.event_loop_delay_max_ms = Number(object.event_loop_delay_max_ms);
                return message;
            };

            ProcessReport.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.objects || options.defaults)
                    object.gc = {};
                if (options.defaults) {
                    object.cpu_user_ms = 0;
                    object.cpu_system_ms = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.max_rss_bytes = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : typeof BigInt !== "undefined" && options.longs === BigInt ? long.toBigInt() : long;
                    } else
                        object.max_rss_bytes = options.longs === String ? "0" : typeof BigInt !== "undefined" && options.longs === BigInt ? BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.heap_used_bytes = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : typeof BigInt !== "undefined" && options.longs === BigInt ? long.toBigInt() : long;
                    } else
                        object.heap_used_bytes = options.longs === String ? "0" : typeof BigInt !== "undefined" && options.longs === BigInt ? BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.heap_total_bytes = options.longs === String ? long.toString() : options.longs === Number ? long.toNumber() : typeof BigInt !== "undefined" && options.longs === BigInt ? long.toBigInt() : long;
                    } else
                        object.heap_total_bytes = options.longs === String ? "0" : typeof BigInt !== "undefined" && options.longs === BigInt ? BigInt("0") : 0;
                    object.event_loop_utilization = 0;
                    object.event_loop_delay_p50_ms = 0;
                    object.event_loop_delay_p99_ms = 0;
                    object.event_loop_delay_max_ms = 0;
                }
                if (message.cpu_user_ms != null && Object.hasOwnProperty.call(message, "cpu_user_ms"))
                    object.cpu_user_ms = options.json && !isFinite(message.cpu_user_ms) ? String(message.cpu_user_ms) : message.cpu_user_ms;
                if (message.cpu_system_ms != null && Object.hasOwnProperty.call(message, "cpu_system_ms"))
                    object.cpu_system_ms = options.json && !isFinite(message.cpu_system_ms) ? String(message.cpu_system_ms) : message.cpu_system_ms;
                if (message.max_rss_bytes != null && Object.hasOwnProperty.call(message, "max_rss_bytes"))
                    if (typeof BigInt !== "undefined" && options.longs === BigInt)
                        object.max_rss_bytes = typeof message.max_rss_bytes === "number" ? BigInt(message.max_rss_bytes) : $util.Long.fromBits(message.max_rss_bytes.low >>> 0, message.max_rss_bytes.high >>> 0, true).toBigInt();
                    else if (typeof message.max_rss_bytes === "number")
                        object.max_rss_bytes = options.longs === String ? String(message.max_rss_bytes) : message.max_rss_bytes;
                    else
                        object.max_rss_bytes = options.longs === String ? $util.Long.prototype.toString.call(message.max_rss_bytes) : options.longs === Number ? new $util.LongBits(message.max_rss_bytes.low >>> 0, message.max_rss_bytes.high >>> 0).toNumber(true) : message.max_rss_bytes;
                if (message.heap_used_bytes != null && Object.hasOwnProperty.call(message, "heap_used_bytes"))
                    if (typeof BigInt !== "undefined" && options.longs === BigInt)
                        object.heap_used_bytes = typeof message.heap_used_bytes === "number" ? BigInt(message.heap_used_bytes) : $util.Long.fromBits(message.heap_used_bytes.low >>> 0, message.heap_used_bytes.high >>> 0, true).toBigInt();
                    else if (typeof message.heap_used_bytes === "number")
                        object.heap_used_bytes = options.longs === String ? String(message.heap_used_bytes) : message.heap_used_bytes;
                    else
                        object.heap_used_bytes = options.longs === String ? $util.Long.prototype.toString.call(message.heap_used_bytes) : options.longs === Number ? new $util.LongBits(message.heap_used_bytes.low >>> 0, message.heap_used_bytes.high >>> 0).toNumber(true) : message.heap_used_bytes;
                if (message.heap_total_bytes != null && Object.hasOwnProperty.call(message, "heap_total_bytes"))
                    if (typeof BigInt !== "undefined" && options.longs === BigInt)
                        object.heap_total_bytes = typeof message.heap_total_bytes === "number" ? BigInt(message.heap_total_bytes) : $util.Long.fromBits(message.heap_total_bytes.low >>> 0, message.heap_total_bytes.high >>> 0, true).toBigInt();
                    else if (typeof message.heap_total_bytes === "number")
                        object.heap_total_bytes = options.longs === String ? String(message.heap_total_bytes) : message.heap_total_bytes;
                    else
                        object.heap_total_bytes = options.longs === String ? $util.Long.prototype.toString.call(message.heap_total_bytes) : options.longs === Number ? new $util.LongBits(message.heap_total_bytes.low >>> 0, message.heap_total_bytes.high >>> 0).toNumber(true) : message.heap_total_bytes;
                let keys2;
                if (message.gc && (keys2 = Object.keys(message.gc)).length) {
                    object.gc = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.gc, keys2[j]);
                        object.gc[keys2[j]] = $root.fractal.v1.GcReport.toObject(message.gc[keys2[j]], options, q + 1);
                    }
                }
                if (message.event_loop_utilization != null && Object.hasOwnProperty.call(message, "event_loop_utilization"))
                    object.event_loop_utilization = options.json && !isFinite(message.event_loop_utilization) ? String(message.event_loop_utilization) : message.event_loop_utilization;
                if (message.event_loop_delay_p50_ms != null && Object.hasOwnProperty.call(message, "event_loop_delay_p50_ms"))
                    object.event_loop_delay_p50_ms = options.json && !isFinite(message.event_loop_delay_p50_ms) ? String(message.event_loop_delay_p50_ms) : message.event_loop_delay_p50_ms;
                if (message.event_loop_delay_p99_ms != null && Object.hasOwnProperty.call(message, "event_loop_delay_p99_ms"))
                    object.event_loop_delay_p99_ms = options.json && !isFinite(message.event_loop_delay_p99_ms) ? String(message.event_loop_delay_p99_ms) : message.event_loop_delay_p99_ms;
                if (message.event_loop_delay_max_ms != null && Object.hasOwnProperty.call(message, "event_loop_delay_max_ms"))
                    object.event_loop_delay_max_ms = options.json && !isFinite(message.event_loop_delay_max_ms) ? String(message.event_loop_delay_max_ms) : message.event_loop_delay_max_ms;
                return object;
            };

            ProcessReport.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return ProcessReport;
        })();

        v1.LeaderMessage = (function() {

            function LeaderMessage(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            LeaderMessage.prototype.welcome = null;
            LeaderMessage.prototype.assign = null;
            LeaderMessage.prototype.stop = null;
            LeaderMessage.prototype.echo = null;

            let $oneOfFields;

            Object.defineProperty(LeaderMessage.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["welcome", "assign", "stop", "echo"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            LeaderMessage.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.welcome != null && Object.hasOwnProperty.call(message, "welcome"))
                    $root.fractal.v1.Welcome.encode(message.welcome, writer.uint32(10).fork(), q + 1).ldelim();
                if (message.assign != null && Object.hasOwnProperty.call(message, "assign"))
                    $root.fractal.v1.Assign.encode(message.assign, writer.uint32(18).fork(), q + 1).ldelim();
                if (message.stop != null && Object.hasOwnProperty.call(message, "stop"))
                    $root.fractal.v1.Stop.encode(message.stop, writer.uint32(26).fork(), q + 1).ldelim();
                if (message.echo != null && Object.hasOwnProperty.call(message, "echo"))
                    $root.fractal.v1.Echo.encode(message.echo, writer.uint32(34).fork(), q + 1).ldelim();
                return writer;
            };

            LeaderMessage.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.LeaderMessage();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.welcome = $root.fractal.v1.Welcome.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 2: {
                            message.assign = $root.fractal.v1.Assign.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 3: {
                            message.stop = $root.fractal.v1.Stop.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 4: {
                            message.echo = $root.fractal.v1.Echo.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            LeaderMessage.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.LeaderMessage)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.LeaderMessage: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.LeaderMessage();
                if (object.welcome != null) {
                    if (!$util.isObject(object.welcome))
                        throw TypeError(".fractal.v1.LeaderMessage.welcome: object expected");
                    message.welcome = $root.fractal.v1.Welcome.fromObject(object.welcome, long + 1);
                }
                if (object.assign != null) {
                    if (!$util.isObject(object.assign))
                        throw TypeError(".fractal.v1.LeaderMessage.assign: object expected");
                    message.assign = $root.fractal.v1.Assign.fromObject(object.assign, long + 1);
                }
                if (object.stop != null) {
                    if (!$util.isObject(object.stop))
                        throw TypeError(".fractal.v1.LeaderMessage.stop: object expected");
                    message.stop = $root.fractal.v1.Stop.fromObject(object.stop, long + 1);
                }
                if (object.echo != null) {
                    if (!$util.isObject(object.echo))
                        throw TypeError(".fractal.v1.LeaderMessage.echo: object expected");
                    message.echo = $root.fractal.v1.Echo.fromObject(object.echo, long + 1);
                }
                return message;
            };

            LeaderMessage.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (message.welcome != null && Object.hasOwnProperty.call(message, "welcome")) {
                    object.welcome = $root.fractal.v1.Welcome.toObject(message.welcome, options, q + 1);
                    if (options.oneofs)
                        object.body = "welcome";
                }
                if (message.assign != null && Object.hasOwnProperty.call(message, "assign")) {
                    object.assign = $root.fractal.v1.Assign.toObject(message.assign, options, q + 1);
                    if (options.oneofs)
                        object.body = "assign";
                }
                if (message.stop != null && Object.hasOwnProperty.call(message, "stop")) {
                    object.stop = $root.fractal.v1.Stop.toObject(message.stop, options, q + 1);
                    if (options.oneofs)
                        object.body = "stop";
                }
                if (message.echo != null && Object.hasOwnProperty.call(message, "echo")) {
                    object.echo = $root.fractal.v1.Echo.toObject(message.echo, options, q + 1);
                    if (options.oneofs)
                        object.body = "echo";
                }
                return object;
            };

            LeaderMessage.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return LeaderMessage;
        })();

        v1.Echo = (function() {

            function Echo(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Echo.prototype.probe = 0;

            Echo.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.probe != null && Object.hasOwnProperty.call(message, "probe"))
                    writer.uint32(8).uint32(message.probe);
                return writer;
            };

            Echo.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.Echo();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.probe = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Echo.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.Echo)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.Echo: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.Echo();
                if (object.probe != null)
                    message.probe = object.probe >>> 0;
                return message;
            };

            Echo.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.probe = 0;
                if (message.probe != null && Object.hasOwnProperty.call(message, "probe"))
                    object.probe = message.probe;
                return object;
            };

            Echo.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Echo;
        })();

        v1.ImageSpec = (function() {

            function ImageSpec(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            ImageSpec.prototype.width = 0;
            ImageSpec.prototype.height = 0;
            ImageSpec.prototype.xpos = 0;
            ImageSpec.prototype.ypos = 0;
            ImageSpec.prototype.escape_radius = 0;
            ImageSpec.prototype.iters = 0;
            ImageSpec.prototype.step = 0;
            ImageSpec.prototype.palette = "";
            ImageSpec.prototype.coloring = "";

            ImageSpec.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.width != null && Object.hasOwnProperty.call(message, "width"))
                    writer.uint32(8).uint32(message.width);
                if (message.height != null && Object.hasOwnProperty.call(message, "height"))
                    writer.uint32(16).uint32(message.height);
                if (message.xpos != null && Object.hasOwnProperty.call(message, "xpos"))
                    writer.uint32(25).double(message.xpos);
                if (message.ypos != null && Object.hasOwnProperty.call(message, "ypos"))
                    writer.uint32(33).double(message.ypos);
                if (message.escape_radius != null && Object.hasOwnProperty.call(message, "escape_radius"))
                    writer.uint32(41).double(message.escape_radius);
                if (message.iters != null && Object.hasOwnProperty.call(message, "iters"))
                    writer.uint32(48).uint32(message.iters);
                if (message.step != null && Object.hasOwnProperty.call(message, "step"))
                    writer.uint32(56).uint32(message.step);
                if (message.palette != null && Object.hasOwnProperty.call(message, "palette"))
                    writer.uint32(66).string(message.palette);
                if (message.coloring != null && Object.hasOwnProperty.call(message, "coloring"))
                    writer.uint32(74).string(message.coloring);
                return writer;
            };

            ImageSpec.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.ImageSpec();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.width = reader.uint32();
                            break;
                        }
                    case 2: {
                            message.height = reader.uint32();
                            break;
                        }
                    case 3: {
                            message.xpos = reader.double();
                            break;
                        }
                    case 4: {
                            message.ypos = reader.double();
                            break;
                        }
                    case 5: {
                            message.escape_radius = reader.double();
                            break;
                        }
                    case 6: {
                            message.iters = reader.uint32();
                            break;
                        }
                    case 7: {
                            message.step = reader.uint32();
                            break;
                        }
                    case 8: {
                            message.palette = reader.string();
                            break;
                        }
                    case 9: {
                            message.coloring = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            ImageSpec.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.ImageSpec)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.ImageSpec: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.ImageSpec();
                if (object.width != null)
                    message.width = object.width >>> 0;
                if (object.height != null)
                    message.height = object.height >>> 0;
                if (object.xpos != null)
                    message.xpos = Number(object.xpos);
                if (object.ypos != null)
                    message.ypos = Number(object.ypos);
                if (object.escape_radius != null)
                    message.escape_radius = Number(object.escape_radius);
                if (object.iters != null)
                    message.iters = object.iters >>> 0;
                if (object.step != null)
                    message.step = object.step >>> 0;
                if (object.palette != null)
                    message.palette = String(object.palette);
                if (object.coloring != null)
                    message.coloring = String(object.coloring);
                return message;
            };

            ImageSpec.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.width = 0;
                    object.height = 0;
                    object.xpos = 0;
                    object.ypos = 0;
                    object.escape_radius = 0;
                    object.iters = 0;
                    object.step = 0;
                    object.palette = "";
                    object.coloring = "";
                }
                if (message.width != null && Object.hasOwnProperty.call(message, "width"))
                    object.width = message.width;
                if (message.height != null && Object.hasOwnProperty.call(message, "height"))
                    object.height = message.height;
                if (message.xpos != null && Object.hasOwnProperty.call(message, "xpos"))
                    object.xpos = options.json && !isFinite(message.xpos) ? String(message.xpos) : message.xpos;
                if (message.ypos != null && Object.hasOwnProperty.call(message, "ypos"))
                    object.ypos = options.json && !isFinite(message.ypos) ? String(message.ypos) : message.ypos;
                if (message.escape_radius != null && Object.hasOwnProperty.call(message, "escape_radius"))
                    object.escape_radius = options.json && !isFinite(message.escape_radius) ? String(message.escape_radius) : message.escape_radius;
                if (message.iters != null && Object.hasOwnProperty.call(message, "iters"))
                    object.iters = message.iters;
                if (message.step != null && Object.hasOwnProperty.call(message, "step"))
                    object.step = message.step;
                if (message.palette != null && Object.hasOwnProperty.call(message, "palette"))
                    object.palette = message.palette;
                if (message.coloring != null && Object.hasOwnProperty.call(message, "coloring"))
                    object.coloring = message.coloring;
                return object;
            };

            ImageSpec.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return ImageSpec;
        })();

        v1.Welcome = (function() {

            function Welcome(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Welcome.prototype.protocol_version = "";
            Welcome.prototype.rank = 0;
            Welcome.prototype.job_id = "";
            Welcome.prototype.image = null;
            Welcome.prototype.chunk_rows = 0;
            Welcome.prototype.units = 0;
            Welcome.prototype.heartbeat_interval_ms = 0;
            Welcome.prototype.max_message_bytes = 0;

            Welcome.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.protocol_version != null && Object.hasOwnProperty.call(message, "protocol_version"))
                    writer.uint32(10).string(message.protocol_version);
                if (message.rank != null && Object.hasOwnProperty.call(message, "rank"))
                    writer.uint32(16).uint32(message.rank);
                if (message.job_id != null && Object.hasOwnProperty.call(message, "job_id"))
                    writer.uint32(26).string(message.job_id);
                if (message.image != null && Object.hasOwnProperty.call(message, "image"))
                    $root.fractal.v1.ImageSpec.encode(message.image, writer.uint32(34).fork(), q + 1).ldelim();
                if (message.chunk_rows != null && Object.hasOwnProperty.call(message, "chunk_rows"))
                    writer.uint32(40).uint32(message.chunk_rows);
                if (message.units != null && Object.hasOwnProperty.call(message, "units"))
                    writer.uint32(48).uint32(message.units);
                if (message.heartbeat_interval_ms != null && Object.hasOwnProperty.call(message, "heartbeat_interval_ms"))
                    writer.uint32(56).uint32(message.heartbeat_interval_ms);
                if (message.max_message_bytes != null && Object.hasOwnProperty.call(message, "max_message_bytes"))
                    writer.uint32(64).uint32(message.max_message_bytes);
                return writer;
            };

            Welcome.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.Welcome();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.protocol_version = reader.string();
                            break;
                        }
                    case 2: {
                            message.rank = reader.uint32();
                            break;
                        }
                    case 3: {
                            message.job_id = reader.string();
                            break;
                        }
                    case 4: {
                            message.image = $root.fractal.v1.ImageSpec.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 5: {
                            message.chunk_rows = reader.uint32();
                            break;
                        }
                    case 6: {
                            message.units = reader.uint32();
                            break;
                        }
                    case 7: {
                            message.heartbeat_interval_ms = reader.uint32();
                            break;
                        }
                    case 8: {
                            message.max_message_bytes = reader.uint32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Welcome.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.Welcome)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.Welcome: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.Welcome();
                if (object.protocol_version != null)
                    message.protocol_version = String(object.protocol_version);
                if (object.rank != null)
                    message.rank = object.rank >>> 0;
                if (object.job_id != null)
                    message.job_id = String(object.job_id);
                if (object.image != null) {
                    if (!$util.isObject(object.image))
                        throw TypeError(".fractal.v1.Welcome.image: object expected");
                    message.image = $root.fractal.v1.ImageSpec.fromObject(object.image, long + 1);
                }
                if (object.chunk_rows != null)
                    message.chunk_rows = object.chunk_rows >>> 0;
                if (object.units != null)
                    message.units = object.units >>> 0;
                if (object.heartbeat_interval_ms != null)
                    message.heartbeat_interval_ms = object.heartbeat_interval_ms >>> 0;
                if (object.max_message_bytes != null)
                    message.max_message_bytes = object.max_message_bytes >>> 0;
                return message;
            };

            Welcome.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.protocol_version = "";
                    object.rank = 0;
                    object.job_id = "";
                    object.image = null;
                    object.chunk_rows = 0;
                    object.units = 0;
                    object.heartbeat_interval_ms = 0;
                    object.max_message_bytes = 0;
                }
                if (message.protocol_version != null && Object.hasOwnProperty.call(message, "protocol_version"))
                    object.protocol_version = message.protocol_version;
                if (message.rank != null && Object.hasOwnProperty.call(message, "rank"))
                    object.rank = message.rank;
                if (message.job_id != null && Object.hasOwnProperty.call(message, "job_id"))
                    object.job_id = message.job_id;
                if (message.image != null && Object.hasOwnProperty.call(message, "image"))
                    object.image = $root.fractal.v1.ImageSpec.toObject(message.image, options, q + 1);
                if (message.chunk_rows != null && Object.hasOwnProperty.call(message, "chunk_rows"))
                    object.chunk_rows = message.chunk_rows;
                if (message.units != null && Object.hasOwnProperty.call(message, "units"))
                    object.units = message.units;
                if (message.heartbeat_interval_ms != null && Object.hasOwnProperty.call(message, "heartbeat_interval_ms"))
                    object.heartbeat_interval_ms = message.heartbeat_interval_ms;
                if (message.max_message_bytes != null && Object.hasOwnProperty.call(message, "max_message_bytes"))
                    object.max_message_bytes = message.max_message_bytes;
                return object;
            };

            Welcome.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Welcome;
        })();

        v1.Assign = (function() {

            function Assign(properties) {
                this.units = [];
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Assign.prototype.units = $util.emptyArray;

            Assign.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.units != null && message.units.length) {
                    writer.uint32(10).fork();
                    for (let i = 0; i < message.units.length; ++i)
                        writer.uint32(message.units[i]);
                    writer.ldelim();
                }
                return writer;
            };

            Assign.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.Assign();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.units && message.units.length))
                                message.units = [];
                            if ((tag & 7) === 2) {
                                let end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                while (reader.pos < end2)
                                    message.units.push(reader.uint32());
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                            } else
                                message.units.push(reader.uint32());
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Assign.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.Assign)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.Assign: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.Assign();
                if (object.units) {
                    if (!Array.isArray(object.units))
                        throw TypeError(".fractal.v1.Assign.units: array expected");
                    message.units = [];
                    for (let i = 0; i < object.units.length; ++i)
                        message.units[i] = object.units[i] >>> 0;
                }
                return message;
            };

            Assign.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.units = [];
                if (message.units && message.units.length) {
                    object.units = [];
                    for (let j = 0; j < message.units.length; ++j)
                        object.units[j] = message.units[j];
                }
                return object;
            };

            Assign.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Assign;
        })();

        v1.Stop = (function() {

            function Stop(properties) {
                if (properties)
                    for (let keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Stop.prototype.reason = "";

            Stop.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.reason != null && Object.hasOwnProperty.call(message, "reason"))
                    writer.uint32(10).string(message.reason);
                return writer;
            };

            Stop.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.fractal.v1.Stop();
                while (reader.pos < end) {
                    let tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.reason = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Stop.fromObject = function fromObject(object, long) {
                if (object instanceof $root.fractal.v1.Stop)
                    return object;
                if (!$util.isObject(object))
                    throw TypeError(".fractal.v1.Stop: object expected");
                if (long === undefined)
                    long = 0;
                if (long > $util.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                let message = new $root.fractal.v1.Stop();
                if (object.reason != null)
                    message.reason = String(object.reason);
                return message;
            };

            Stop.toObject = function toObject(message, options, q) {
                if (!options)
                    options = {};
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.reason = "";
                if (message.reason != null && Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                return object;
            };

            Stop.prototype.toJSON = function toJSON() {
                return this.constructor.toObject(this, $protobuf.util.toJSONOptions);
            };

            return Stop;
        })();

        return v1;
    })();

    return fractal;
})();

export { $root as default };
