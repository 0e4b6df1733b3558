import { expect } from "chai";
import {
  DEFAULT_PART_SIZE_BYTES,
  estimateDelivery,
  estimatePreset,
  PUT_PRICE_USD_PER_1000,
  WALKTHROUGH_DELIVERY_BASE,
  type DeliveryEstimate,
  type Workload,
} from "../../lib/s3/cost";

/** 3 topics × 1 partition, 1 KiB records: the walkthrough's pin/geo/user topics. */
const at = (recordsPerSecond: number): Workload => ({
  recordsPerSecond,
  meanRecordBytes: 1024,
  topics: 3,
  partitionsPerTopic: 1,
});

/** Compares every field to a hand-computed value, tolerating floating-point noise. */
function expectEstimate(actual: DeliveryEstimate, expected: DeliveryEstimate): void {
  for (const key of Object.keys(expected) as (keyof DeliveryEstimate)[])
    expect(actual[key], key).to.be.closeTo(expected[key], Math.abs(expected[key]) * 1e-9 + 1e-9);
}

// Conventions for the hand arithmetic below, with P = 3 topic partitions and r = rate / P per partition:
//   records/day      = rate × 86,400
//   requests/object  = floor(bytes / 26,214,400) + 3  (create + parts + complete; multipart even when small)
//   cost/day         = requests/day / 1,000 × $0.005
//   per million      = requests/day / records/day × 1,000,000

describe("cost model constants", () => {
  it("prices PUT-class requests at S3 Standard us-east-1", () => {
    expect(PUT_PRICE_USD_PER_1000).to.equal(0.005);
  });
  it("uses the connector's 25 MiB default part size", () => {
    expect(DEFAULT_PART_SIZE_BYTES).to.equal(26_214_400);
  });
});

describe("estimatePreset: walkthrough (flush.size=1, DefaultPartitioner)", () => {
  it("10 records/s", () => {
    // objects/day = 10 × 86,400 / 1 = 864,000; 1 KiB each → 1 part → 3 requests → 2,592,000 requests/day
    // cost = 2,592,000 / 1,000 × 0.005 = 12.96; per million = 3 × 1,000,000; latency = (1 − 1) records to wait = 0
    expectEstimate(estimatePreset(at(10), "walkthrough"), {
      putsPerMillionRecords: 3_000_000,
      objectsPerDay: 864_000,
      putCostUsdPerDay: 12.96,
      worstCaseLatencySeconds: 0,
    });
  });
  it("1,000 records/s: one object per record, 86.4 million a day", () => {
    // objects/day = 1,000 × 86,400 = 86,400,000; requests = 3 × 86,400,000 = 259,200,000
    // cost = 259,200,000 / 1,000 × 0.005 = 1,296
    expectEstimate(estimatePreset(at(1000), "walkthrough"), {
      putsPerMillionRecords: 3_000_000,
      objectsPerDay: 86_400_000,
      putCostUsdPerDay: 1296,
      worstCaseLatencySeconds: 0,
    });
  });
  it("50,000 records/s", () => {
    // objects/day = 50,000 × 86,400 = 4,320,000,000; requests = 12,960,000,000; cost = 12,960,000 × 0.005 = 64,800
    expectEstimate(estimatePreset(at(50_000), "walkthrough"), {
      putsPerMillionRecords: 3_000_000,
      objectsPerDay: 4_320_000_000,
      putCostUsdPerDay: 64_800,
      worstCaseLatencySeconds: 0,
    });
  });
});

describe("estimatePreset: balanced (flush.size=10,000, rotate.interval.ms=60,000, hourly windows)", () => {
  it("10 records/s: the minute rotation binds", () => {
    // r = 10/3 per partition; a minute holds 60 × 10/3 = 200 records < 10,000, so files per hour = 3,600 / 60 = 60
    // objects/day = 24 × 60 × 3 = 4,320; 200 × 1,024 B = 204,800 B → 3 requests → 12,960 requests/day
    // cost = 12.96 × 0.005 = 0.0648; per million = 12,960 / 864,000 × 10^6 = 15,000
    // latency = min((10,000 − 1) × 0.3 = 2,999.7, 60 + gap 0.3 = 60.3, 3,600 + 0.3) = 60.3
    expectEstimate(estimatePreset(at(10), "balanced"), {
      putsPerMillionRecords: 15_000,
      objectsPerDay: 4320,
      putCostUsdPerDay: 0.0648,
      worstCaseLatencySeconds: 60.3,
    });
  });
  it("1,000 records/s: flush.size binds", () => {
    // r = 1,000/3; 10,000 records fill in 10,000 × 3 / 1,000 = 30 s < 60 s; files/hour = 3,600 / 30 = 120
    // objects/day = 24 × 120 × 3 = 8,640; 10,000 × 1,024 = 10,240,000 B < 25 MiB → 3 requests → 25,920/day
    // cost = 25.92 × 0.005 = 0.1296; per million = 25,920 / 86,400,000 × 10^6 = 300
    // latency = (10,000 − 1) × 3 / 1,000 = 29.997
    expectEstimate(estimatePreset(at(1000), "balanced"), {
      putsPerMillionRecords: 300,
      objectsPerDay: 8640,
      putCostUsdPerDay: 0.1296,
      worstCaseLatencySeconds: 29.997,
    });
  });
  it("50,000 records/s", () => {
    // 10,000 records fill in 10,000 × 3 / 50,000 = 0.6 s; files/hour = 3,600 / 0.6 = 6,000
    // objects/day = 24 × 6,000 × 3 = 432,000; 3 requests each → 1,296,000/day; cost = 1,296 × 0.005 = 6.48
    // per million = 1,296,000 / 4,320,000,000 × 10^6 = 300; latency = 9,999 × 3 / 50,000 = 0.59994
    expectEstimate(estimatePreset(at(50_000), "balanced"), {
      putsPerMillionRecords: 300,
      objectsPerDay: 432_000,
      putCostUsdPerDay: 6.48,
      worstCaseLatencySeconds: 0.59994,
    });
  });
});

describe("estimatePreset: bulk (flush.size=100,000, rotate.interval.ms=240,000, hourly windows)", () => {
  it("10 records/s", () => {
    // 240 s holds 240 × 10/3 = 800 records < 100,000; files/hour = 3,600 / 240 = 15
    // objects/day = 24 × 15 × 3 = 1,080; 800 × 1,024 = 819,200 B → 3 requests → 3,240/day
    // cost = 3.24 × 0.005 = 0.0162; per million = 3,240 / 864,000 × 10^6 = 3,750; latency = 240 + 0.3 = 240.3
    expectEstimate(estimatePreset(at(10), "bulk"), {
      putsPerMillionRecords: 3750,
      objectsPerDay: 1080,
      putCostUsdPerDay: 0.0162,
      worstCaseLatencySeconds: 240.3,
    });
  });
  it("1,000 records/s: ≤ 1,000 PUT-class requests per million records and ≤ 300 s latency", () => {
    // 240 s holds 240 × 1,000/3 = 80,000 records < 100,000 (which would take 300 s); files/hour = 15
    // objects/day = 24 × 15 × 3 = 1,080; 80,000 × 1,024 = 81,920,000 B; floor(81,920,000 / 26,214,400) = 3
    //   → 3 + 3 = 6 requests (create, 4 parts, complete) → 6,480/day
    // cost = 6.48 × 0.005 = 0.0324; per million = 6,480 / 86,400,000 × 10^6 = 75
    // latency = min(99,999 × 0.003 = 299.997, 240 + 0.003) = 240.003
    const estimate = estimatePreset(at(1000), "bulk");
    expectEstimate(estimate, {
      putsPerMillionRecords: 75,
      objectsPerDay: 1080,
      putCostUsdPerDay: 0.0324,
      worstCaseLatencySeconds: 240.003,
    });
    expect(estimate.putsPerMillionRecords).to.be.at.most(1000);
    expect(estimate.worstCaseLatencySeconds).to.be.at.most(300);
  });
  it("50,000 records/s", () => {
    // 100,000 records fill in 100,000 × 3 / 50,000 = 6 s; files/hour = 600; objects/day = 24 × 600 × 3 = 43,200
    // 100,000 × 1,024 = 102,400,000 B; floor(3.90625) = 3 → 6 requests → 259,200/day; cost = 259.2 × 0.005 = 1.296
    // per million = 259,200 / 4,320,000,000 × 10^6 = 60; latency = 99,999 × 3 / 50,000 = 5.99994
    expectEstimate(estimatePreset(at(50_000), "bulk"), {
      putsPerMillionRecords: 60,
      objectsPerDay: 43_200,
      putCostUsdPerDay: 1.296,
      worstCaseLatencySeconds: 5.99994,
    });
  });
});

describe("estimateDelivery", () => {
  it("counts the parts of large objects from s3.part.size", () => {
    // 1 record/s of 1 MiB on 1 partition, flush.size 100 → 104,857,600 B per object; parts of 5 MiB = 5,242,880 B:
    // 20 full parts during the writes + 1 final part at commit (empty here, the connector still sends it) + 2 = 23 requests
    // objects/day = 86,400 / 100 = 864; requests = 864 × 23 = 19,872; per million = 19,872 / 86,400 × 10^6 = 230,000
    // cost = 19.872 × 0.005 = 0.09936; latency = (100 − 1) / 1 = 99
    const props = { ...WALKTHROUGH_DELIVERY_BASE, "flush.size": "100", "s3.part.size": "5242880" };
    expectEstimate(
      estimateDelivery(
        { recordsPerSecond: 1, meanRecordBytes: 1_048_576, topics: 1, partitionsPerTopic: 1 },
        props,
      ),
      {
        putsPerMillionRecords: 230_000,
        objectsPerDay: 864,
        putCostUsdPerDay: 0.09936,
        worstCaseLatencySeconds: 99,
      },
    );
  });

  it("bounds latency by rotate.schedule.interval.ms on the wall clock", () => {
    // DefaultPartitioner, flush.size 1,000,000, schedule 600 s, 10 records/s on 1 partition
    // 600 s holds 6,000 records → objects/day = 864,000 / 6,000 = 144; 6,000 KiB < 25 MiB → 3 requests → 432
    // per million = 432 / 864,000 × 10^6 = 500; cost = 0.432 × 0.005 = 0.00216; latency = min(999,999 / 10, 600) = 600
    const props = {
      ...WALKTHROUGH_DELIVERY_BASE,
      "flush.size": "1000000",
      "rotate.schedule.interval.ms": "600000",
      timezone: "UTC",
    };
    expectEstimate(
      estimateDelivery(
        { recordsPerSecond: 10, meanRecordBytes: 1024, topics: 1, partitionsPerTopic: 1 },
        props,
      ),
      {
        putsPerMillionRecords: 500,
        objectsPerDay: 144,
        putCostUsdPerDay: 0.00216,
        worstCaseLatencySeconds: 600,
      },
    );
  });

  it("adds one object per window boundary for a time-based partitioner without rotate.interval.ms", () => {
    // HourlyPartitioner, flush.size 36,000, 100 records/s on 1 partition: a commit every 360 s → 8,640,000 / 36,000 = 240
    // commits/day, plus 24 hour boundaries that each split one commit → 264 objects/day
    // mean object = 8,640,000 / 264 = 32,727.27 records × 100 B = 3.27 MB < 25 MiB → 3 requests → 792/day
    // per million = 792 / 8,640,000 × 10^6 = 91.666…; cost = 0.792 × 0.005 = 0.00396
    // latency = (36,000 − 1) / 100 = 359.99 (the hour boundary alone does not rotate without rotate.interval.ms)
    const props = {
      ...WALKTHROUGH_DELIVERY_BASE,
      "partitioner.class": "io.confluent.connect.storage.partitioner.HourlyPartitioner",
      locale: "en",
      timezone: "UTC",
      "flush.size": "36000",
    };
    expectEstimate(
      estimateDelivery(
        { recordsPerSecond: 100, meanRecordBytes: 100, topics: 1, partitionsPerTopic: 1 },
        props,
      ),
      {
        putsPerMillionRecords: (792 / 8_640_000) * 1_000_000,
        objectsPerDay: 264,
        putCostUsdPerDay: 0.00396,
        worstCaseLatencySeconds: 359.99,
      },
    );
  });

  it("spreads the rate over topics × partitions", () => {
    // walkthrough, 1,000 records/s over 2 topics × 5 partitions: still one object per record
    const estimate = estimateDelivery(
      { recordsPerSecond: 1000, meanRecordBytes: 1024, topics: 2, partitionsPerTopic: 5 },
      WALKTHROUGH_DELIVERY_BASE,
    );
    expect(estimate.objectsPerDay).to.be.closeTo(86_400_000, 1e-3);
  });

  it("refuses a property map with delivery problems", () => {
    expect(() => estimateDelivery(at(10), { ...WALKTHROUGH_DELIVERY_BASE, "flush.size": "0" })).to.throw(
      'cannot estimate delivery: flush.size="0": required; a whole number of records per S3 object from 1 to 2147483647',
    );
  });

  it("refuses partitioners whose output partitions depend on the data", () => {
    const props = {
      ...WALKTHROUGH_DELIVERY_BASE,
      "partitioner.class": "io.confluent.connect.storage.partitioner.FieldPartitioner",
    };
    expect(() => estimateDelivery(at(10), props)).to.throw(
      "cannot estimate delivery for partitioner.class=io.confluent.connect.storage.partitioner.FieldPartitioner: its output partitions depend on the data",
    );
  });

  it("validates the workload and names every bad field", () => {
    expect(() =>
      estimateDelivery(
        { recordsPerSecond: 0, meanRecordBytes: Number.NaN, topics: 1.5, partitionsPerTopic: -1 },
        WALKTHROUGH_DELIVERY_BASE,
      ),
    ).to.throw(
      "invalid workload: recordsPerSecond must be a positive finite number, got 0; meanRecordBytes must be a positive finite number, got NaN; " +
        "topics must be a whole number ≥ 1, got 1.5; partitionsPerTopic must be a whole number ≥ 1, got -1",
    );
    expect(() => estimatePreset({ ...at(10), recordsPerSecond: Number.POSITIVE_INFINITY }, "bulk")).to.throw(
      "invalid workload: recordsPerSecond must be a positive finite number, got Infinity",
    );
  });
});
