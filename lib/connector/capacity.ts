import type * as aws from "@pulumi/aws";

type ConnectorCapacity = aws.types.input.mskconnect.ConnectorCapacity;

/** A fixed number of workers. */
export interface ProvisionedCapacityArgs {
  /** MCUs per worker: 1, 2, 4 or 8. */
  mcuCount: number;
  /** Workers, 1–10. */
  workerCount: number;
}

/** Workers added and removed on CPU utilisation. */
export interface AutoscalingCapacityArgs {
  /** MCUs per worker: 1, 2, 4 or 8. */
  mcuCount: number;
  minWorkerCount: number;
  maxWorkerCount: number;
  /** Remove a worker below this CPU percentage. */
  scaleInCpuPercent: number;
  /** Add a worker above this CPU percentage. */
  scaleOutCpuPercent: number;
}

/** MSK Connect's capacity block for exactly one of provisioned or autoscaling. */
export function connectorCapacity(
  name: string,
  args: { provisioned?: ProvisionedCapacityArgs; autoscaling?: AutoscalingCapacityArgs },
): ConnectorCapacity {
  const { provisioned, autoscaling } = args;
  if ((provisioned === undefined) === (autoscaling === undefined))
    throw new Error(`${name}: set exactly one of provisioned or autoscaling capacity`);
  if (provisioned) return { provisionedCapacity: provisioned };
  const a = autoscaling!;
  return {
    autoscaling: {
      mcuCount: a.mcuCount,
      minWorkerCount: a.minWorkerCount,
      maxWorkerCount: a.maxWorkerCount,
      scaleInPolicy: { cpuUtilizationPercentage: a.scaleInCpuPercent },
      scaleOutPolicy: { cpuUtilizationPercentage: a.scaleOutCpuPercent },
    },
  };
}

/**
 * With autoscaling, MSK Connect sets the connector's `tasks.max` itself (workers × MCUs per worker × 2,
 * "Capacity" in the MSK Connect developer guide), so the value configured is not what runs.
 */
export const AUTOSCALED_TASKS_MAX = 'connectorConfiguration["tasks.max"]';

/**
 * Tasks per MCU of an autoscaled connector:
 * https://docs.aws.amazon.com/msk/latest/developerguide/msk-connect-max-autoscaling-task-count.html
 */
export const AUTOSCALED_TASKS_PER_MCU = 2;

/** The `tasks.max` MSK Connect runs an autoscaled connector with at a given worker count. */
export function autoscaledTasksMax(mcuCount: number, workers: number): number {
  return workers * mcuCount * AUTOSCALED_TASKS_PER_MCU;
}
