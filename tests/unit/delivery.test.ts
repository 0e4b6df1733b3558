import { walkthroughProperties } from "../../lib/connector/properties";
import { expect } from "chai";
import { PRESETS, type PresetName } from "../../lib/config/enums";
import { presetProperties } from "../../lib/connector/delivery";
import { deliveryProblems } from "../../lib/connector/deliveryProblems";

/** The walkthrough's connector properties with this project's values filled in. */
const BASE: Readonly<Record<string, string>> = walkthroughProperties({
  region: "us-east-1",
  bucket: "user-abc-bucket",
  topics: ["abc.pin", "abc.geo", "abc.user"],
});

const TIME_BASED = "io.confluent.connect.storage.partitioner.TimeBasedPartitioner";
const HOURLY = "io.confluent.connect.storage.partitioner.HourlyPartitioner";
const DEFAULT = "io.confluent.connect.storage.partitioner.DefaultPartitioner";

/** BASE with a valid hourly TimeBasedPartitioner set-up. */
const TIMED: Readonly<Record<string, string>> = {
  ...BASE,
  "partitioner.class": TIME_BASED,
  "partition.duration.ms": "3600000",
  "path.format": "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH",
  locale: "en",
  timezone: "UTC",
  "timestamp.extractor": "Record",
};

/** `props` without `keys`. */
function without(props: Readonly<Record<string, string>>, ...keys: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !keys.includes(k)));
}

describe("delivery presets", () => {
  it("lists the three presets in order", () => {
    expect(PRESETS).to.deep.equal(["walkthrough", "balanced", "bulk"]);
  });

  it("walkthrough adds nothing to the walkthrough's properties", () => {
    expect(presetProperties("walkthrough")).to.deep.equal({});
  });

  it("balanced: hourly record-time prefixes, 10,000 records or one minute per object", () => {
    expect(presetProperties("balanced")).to.deep.equal({
      "partitioner.class": TIME_BASED,
      "path.format": "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH",
      "partition.duration.ms": "3600000",
      locale: "en",
      timezone: "UTC",
      "timestamp.extractor": "Record",
      "behavior.on.null.values": "ignore",
      "flush.size": "10000",
      "rotate.interval.ms": "60000",
    });
  });

  it("bulk: hourly record-time prefixes, 100,000 records or four minutes per object", () => {
    expect(presetProperties("bulk")).to.deep.equal({
      "partitioner.class": TIME_BASED,
      "path.format": "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH",
      "partition.duration.ms": "3600000",
      locale: "en",
      timezone: "UTC",
      "timestamp.extractor": "Record",
      "behavior.on.null.values": "ignore",
      "flush.size": "100000",
      "rotate.interval.ms": "240000",
    });
  });

  it("bulk bounds record-time rotation under five minutes", () => {
    expect(Number(presetProperties("bulk")["rotate.interval.ms"])).to.be.at.most(300_000);
  });

  it("does not use wall-clock scheduled rotation, which would give up exactly-once", () => {
    for (const p of PRESETS) expect(presetProperties(p)).not.to.have.property("rotate.schedule.interval.ms");
  });

  it("refuses an unknown preset from untyped callers", () => {
    expect(() => presetProperties("fast" as PresetName)).to.throw(
      'unknown delivery preset "fast"; one of walkthrough, balanced, bulk',
    );
  });

  it("returns a copy the caller may change", () => {
    const props = presetProperties("bulk");
    props["flush.size"] = "1";
    expect(presetProperties("bulk")["flush.size"]).to.equal("100000");
  });

  for (const preset of PRESETS)
    it(`${preset} over the walkthrough's properties has no delivery problems`, () => {
      expect(deliveryProblems({ ...BASE, ...presetProperties(preset) })).to.deep.equal([]);
    });
});

describe("deliveryProblems", () => {
  it("accepts the walkthrough's properties", () => {
    expect(deliveryProblems(BASE)).to.deep.equal([]);
  });

  describe("flush.size", () => {
    it("accepts a whole number ≥ 1, with the surrounding spaces ConfigDef trims", () => {
      expect(deliveryProblems({ ...BASE, "flush.size": "1" })).to.deep.equal([]);
      expect(deliveryProblems({ ...BASE, "flush.size": " 2147483647 " })).to.deep.equal([]);
    });
    for (const bad of ["0", "-5", "1.5", "1e3", "ten", "", "2147483648"])
      it(`refuses ${JSON.stringify(bad)}`, () => {
        expect(deliveryProblems({ ...BASE, "flush.size": bad })).to.deep.equal([
          `flush.size=${JSON.stringify(bad)}: required; a whole number of records per S3 object from 1 to 2147483647`,
        ]);
      });
    it("refuses a missing flush.size (the connector has no default)", () => {
      expect(deliveryProblems(without(BASE, "flush.size"))).to.deep.equal([
        "flush.size (unset): required; a whole number of records per S3 object from 1 to 2147483647",
      ]);
    });
  });

  describe("tasks.max", () => {
    it("accepts a whole number ≥ 1, or unset (Connect's default is 1)", () => {
      expect(deliveryProblems({ ...BASE, "tasks.max": "1" })).to.deep.equal([]);
      expect(deliveryProblems(without(BASE, "tasks.max"))).to.deep.equal([]);
    });
    it("refuses 0", () => {
      expect(deliveryProblems({ ...BASE, "tasks.max": "0" })).to.deep.equal([
        'tasks.max="0": a whole number of tasks, at least 1',
      ]);
    });
  });

  describe("millisecond values", () => {
    it("accepts -1 (off) or whole milliseconds ≥ 1", () => {
      expect(
        deliveryProblems({ ...TIMED, "rotate.interval.ms": "-1", "rotate.schedule.interval.ms": "-1" }),
      ).to.deep.equal([]);
      expect(
        deliveryProblems({
          ...TIMED,
          "rotate.interval.ms": "60000",
          "rotate.schedule.interval.ms": "3600000",
        }),
      ).to.deep.equal([]);
    });
    it("refuses non-numeric rotate.interval.ms", () => {
      expect(deliveryProblems({ ...TIMED, "rotate.interval.ms": "60s" })).to.deep.equal([
        'rotate.interval.ms="60s": -1 (off) or a whole number of milliseconds, at least 1',
      ]);
    });
    it("refuses 0 for rotate.schedule.interval.ms (the connector would silently treat it as off)", () => {
      expect(deliveryProblems({ ...TIMED, "rotate.schedule.interval.ms": "0" })).to.deep.equal([
        'rotate.schedule.interval.ms="0": -1 (off) or a whole number of milliseconds, at least 1',
      ]);
    });
    it("refuses non-numeric partition.duration.ms", () => {
      expect(deliveryProblems({ ...TIMED, "partition.duration.ms": "1h" })).to.deep.equal([
        'partition.duration.ms="1h": a whole number of milliseconds, at least 1 (e.g. 3600000 for hourly)',
      ]);
    });
    it("refuses partition.duration.ms=0 (the partitioner divides by it)", () => {
      expect(deliveryProblems({ ...TIMED, "partition.duration.ms": "0" })).to.deep.equal([
        'partition.duration.ms="0": a whole number of milliseconds, at least 1 (e.g. 3600000 for hourly)',
      ]);
    });
  });

  describe("s3.part.size", () => {
    it("accepts 5 MiB and up", () => {
      expect(deliveryProblems({ ...BASE, "s3.part.size": "5242880" })).to.deep.equal([]);
    });
    it("refuses less than S3's 5 MiB minimum part", () => {
      expect(deliveryProblems({ ...BASE, "s3.part.size": "1048576" })).to.deep.equal([
        's3.part.size="1048576": a whole number of bytes from 5242880 (5 MiB) to 2147483647',
      ]);
    });
  });

  describe("TimeBasedPartitioner", () => {
    it("accepts duration, path format, locale and timezone", () => {
      expect(deliveryProblems(TIMED)).to.deep.equal([]);
    });
    it("refuses to run without them", () => {
      expect(deliveryProblems({ ...BASE, "partitioner.class": TIME_BASED })).to.deep.equal([
        "partition.duration.ms (unset): TimeBasedPartitioner needs it; a whole number of milliseconds, at least 1 (e.g. 3600000)",
        "path.format (unset): TimeBasedPartitioner needs it; a Joda-Time pattern such as 'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH",
        "locale (unset): TimeBasedPartitioner needs it; a Java language code such as en",
        "timezone (unset): TimeBasedPartitioner needs it; a time-zone ID such as UTC",
      ]);
    });
    it("refuses a blank path.format, and one that is only the directory delimiter", () => {
      for (const bad of [" ", "/"])
        expect(deliveryProblems({ ...TIMED, "path.format": bad })).to.deep.equal([
          `path.format=${JSON.stringify(bad)}: TimeBasedPartitioner needs it; a Joda-Time pattern such as 'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH`,
        ]);
    });
    it("HourlyPartitioner needs only locale and timezone (it sets its own duration and path)", () => {
      expect(
        deliveryProblems({ ...BASE, "partitioner.class": HOURLY, locale: "en", timezone: "UTC" }),
      ).to.deep.equal([]);
      expect(deliveryProblems({ ...BASE, "partitioner.class": HOURLY })).to.deep.equal([
        "locale (unset): HourlyPartitioner needs it; a Java language code such as en",
        "timezone (unset): HourlyPartitioner needs it; a time-zone ID such as UTC",
      ]);
    });
    it("accepts the built-in timestamp extractors and a class name", () => {
      for (const ok of ["Record", "RecordField", "Wallclock", "com.example.connect.EventTimeExtractor"])
        expect(deliveryProblems({ ...TIMED, "timestamp.extractor": ok })).to.deep.equal([]);
    });
    it("refuses a timestamp extractor that is neither an alias nor a class name", () => {
      expect(deliveryProblems({ ...TIMED, "timestamp.extractor": "RecordTime" })).to.deep.equal([
        'timestamp.extractor="RecordTime": Record, RecordField, Wallclock, or the fully qualified name of a TimestampExtractor class',
      ]);
    });
  });

  describe("rotate.interval.ms needs a timestamp extractor", () => {
    it("accepts it with TimeBasedPartitioner", () => {
      expect(deliveryProblems({ ...TIMED, "rotate.interval.ms": "60000" })).to.deep.equal([]);
    });
    it("refuses it with DefaultPartitioner, which ignores it", () => {
      expect(deliveryProblems({ ...BASE, "rotate.interval.ms": "60000" })).to.deep.equal([
        `rotate.interval.ms="60000": ignored by the connector with partitioner.class=${DEFAULT}, which has no timestamp extractor; ` +
          `use ${TIME_BASED} (or Hourly/DailyPartitioner) with a timestamp.extractor, or leave rotate.interval.ms unset`,
      ]);
    });
    it("refuses it when partitioner.class is unset (the connector then uses DefaultPartitioner)", () => {
      expect(
        deliveryProblems({ ...without(BASE, "partitioner.class"), "rotate.interval.ms": "60000" }),
      ).to.deep.equal([
        `rotate.interval.ms="60000": ignored by the connector with partitioner.class unset (so ${DEFAULT}), which has no timestamp extractor; ` +
          `use ${TIME_BASED} (or Hourly/DailyPartitioner) with a timestamp.extractor, or leave rotate.interval.ms unset`,
      ]);
    });
    it("leaves a custom partitioner alone (it may extend TimeBasedPartitioner)", () => {
      expect(
        deliveryProblems({
          ...BASE,
          "partitioner.class": "com.example.MyPartitioner",
          "rotate.interval.ms": "60000",
        }),
      ).to.deep.equal([]);
    });
  });

  describe("rotate.schedule.interval.ms needs a timezone", () => {
    it("accepts it with timezone", () => {
      expect(
        deliveryProblems({ ...BASE, "rotate.schedule.interval.ms": "60000", timezone: "UTC" }),
      ).to.deep.equal([]);
    });
    it("refuses it without", () => {
      expect(deliveryProblems({ ...BASE, "rotate.schedule.interval.ms": "60000" })).to.deep.equal([
        "timezone (unset): required when rotate.schedule.interval.ms is set; a time-zone ID such as UTC",
      ]);
    });
  });

  describe("behavior.on.null.values", () => {
    it("accepts ignore and fail", () => {
      for (const ok of ["ignore", "fail"])
        expect(deliveryProblems({ ...BASE, "behavior.on.null.values": ok })).to.deep.equal([]);
    });
    it("refuses write, which kafka-connect-s3 10.0.3 does not have", () => {
      expect(deliveryProblems({ ...BASE, "behavior.on.null.values": "write" })).to.deep.equal([
        'behavior.on.null.values="write": ignore or fail in kafka-connect-s3 10.0.3 (write arrived after 10.0.x and also needs store.kafka.keys=true)',
      ]);
    });
    it("refuses anything else", () => {
      expect(deliveryProblems({ ...BASE, "behavior.on.null.values": "skip" })).to.deep.equal([
        'behavior.on.null.values="skip": ignore or fail in kafka-connect-s3 10.0.3',
      ]);
    });
  });

  describe("Avro and Parquet need schema'd records", () => {
    const parquet = "io.confluent.connect.s3.format.parquet.ParquetFormat";
    const avro = "io.confluent.connect.s3.format.avro.AvroFormat";
    it("accepts Parquet from JsonConverter with schemas enabled", () => {
      expect(
        deliveryProblems({ ...BASE, "format.class": parquet, "value.converter.schemas.enable": "true" }),
      ).to.deep.equal([]);
    });
    it("refuses Parquet from schemaless JSON", () => {
      expect(deliveryProblems({ ...BASE, "format.class": parquet })).to.deep.equal([
        `format.class="${parquet}": Parquet needs records with a struct schema, but ` +
          'value.converter="org.apache.kafka.connect.json.JsonConverter" with value.converter.schemas.enable=false gives none; ' +
          "use io.confluent.connect.s3.format.json.JsonFormat, or a schema'd converter " +
          "(AvroConverter with a schema registry, or JsonConverter with schemas.enable=true)",
      ]);
    });
    it("refuses Avro from StringConverter", () => {
      expect(
        deliveryProblems({
          ...BASE,
          "format.class": avro,
          "value.converter": "org.apache.kafka.connect.storage.StringConverter",
        }),
      ).to.deep.equal([
        `format.class="${avro}": Avro needs records with a struct schema, but ` +
          'value.converter="org.apache.kafka.connect.storage.StringConverter" gives none; ' +
          "use io.confluent.connect.s3.format.json.JsonFormat, or a schema'd converter " +
          "(AvroConverter with a schema registry, or JsonConverter with schemas.enable=true)",
      ]);
    });
  });

  it("reports every problem at once", () => {
    expect(
      deliveryProblems({ ...BASE, "flush.size": "0", "tasks.max": "0", "behavior.on.null.values": "skip" }),
    ).to.have.length(3);
  });
});
