import { Injectable } from '@nestjs/common';
import { Clock } from '@terpadu/clock';
import type { Actor } from '@terpadu/contracts';
import type { EntityManager } from 'typeorm';
import { DataAccessLog } from './data-access-log.entity';

export interface DataAccess {
  actor: Actor;
  /** The service's own action name (its `DataAccessAction` enum), at most 40 characters. */
  action: string;
  residentIds: string[];
  familyCardId?: string;
}

/** Records every read and write of personal data, inside the transaction that performs it. */
@Injectable()
export class AccessLogService {
  constructor(private readonly clock: Clock) {}

  async record(manager: EntityManager, access: DataAccess): Promise<void> {
    await manager.insert(DataAccessLog, {
      at: this.clock.now(),
      actorSub: access.actor.sub,
      action: access.action,
      residentIds: [...new Set(access.residentIds)],
      familyCardId: access.familyCardId ?? null,
      requestId: access.actor.requestId ?? null,
    });
  }
}
