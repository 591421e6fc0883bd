/** CloudEvents 1.0 JSON envelope, as every domain event travels on JetStream. */
export interface CloudEvent<T> {
  specversion: '1.0';
  /** Event id (UUID); also the JetStream `Nats-Msg-Id`, so a republished event is deduplicated. */
  id: string;
  /** Producing service, e.g. `terpadu/population`. */
  source: string;
  /** The subject, e.g. `evt.population.resident.registered.v1`. */
  type: string;
  /** When the change happened (commit time of the producing transaction), RFC 3339. */
  time: string;
  /** Id of the entity the event is about (an internal id, never a NIK or a name). */
  subject?: string;
  datacontenttype: 'application/json';
  data: T;
}
