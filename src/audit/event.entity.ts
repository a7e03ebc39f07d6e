import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only audit record. Events are hash-chained per council, and directory / administration
 * changes on one more chain (council_id NULL): `hash` covers `prevHash` and the canonical content,
 * keyed with AUDIT_KEY (hash_version 2), so altering, removing or reordering any row breaks the
 * chain from there on, and someone with the database alone cannot recompute it. Triggers (see the
 * migrations) refuse UPDATE, DELETE and TRUNCATE.
 */
@Entity('events')
@Index('events_council_seq_key', ['councilId', 'seq'], { unique: true })
@Index('events_directory_seq_key', ['seq'], { unique: true, where: '"council_id" IS NULL' })
@Index('events_resolution_idx', ['resolutionId', 'seq'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('councils', { name: 'fk_events_council_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'council_id', nullable: true })
  councilId: string | null;

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

  /** 1: unkeyed SHA-256 (events from before AUDIT_KEY); 2: HMAC-SHA256 keyed with AUDIT_KEY. */
  @Column({ type: 'smallint', name: 'hash_version' })
  hashVersion: number;
}
