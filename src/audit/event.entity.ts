import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only audit record. Events are hash-chained per council: `hash` covers `prevHash` and the
 * canonical content, so altering, removing or reordering any row breaks the chain from there on.
 * A trigger (see the migration) refuses UPDATE and DELETE.
 */
@Entity('events')
@Index('events_council_seq_key', ['councilId', 'seq'], { unique: true })
@Index('events_resolution_idx', ['resolutionId', 'seq'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('councils', { name: 'fk_events_council_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'council_id' })
  councilId: string;

  @Column({ type: 'bigint' })
  seq: string;

  @ForeignKey('resolutions', { name: 'fk_events_resolution_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'resolution_id', nullable: true })
  resolutionId: string | null;

  @Column({ type: 'text', name: 'entity_type' })
  entityType: string;

  @Column({ type: 'uuid', name: 'entity_id' })
  entityId: string;

  @Column({ type: 'text' })
  action: string;

  @ForeignKey('people', { name: 'fk_events_actor_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'text', name: 'prev_hash', nullable: true })
  prevHash: string | null;

  @Column({ type: 'text' })
  hash: string;
}
