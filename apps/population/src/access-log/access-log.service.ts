import { Injectable } from '@nestjs/common';
import type { Actor } from '@terpadu/contracts';
import type { EntityManager } from 'typeorm';
import { Clock } from '@terpadu/clock';
import type { DataAccessAction } from './data-access-action';
import { DataAccessLog } from './data-access-log.entity';

export interface DataAccess {
  actor: Actor;
  action: DataAccessAction;
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
