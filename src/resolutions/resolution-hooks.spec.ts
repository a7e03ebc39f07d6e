import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock, ManualClock } from '../common/clock';
import { hookProvider, type HookParticipant } from '../common/transaction-hook';
import { PeopleService } from '../people/people.service';
import { ExtensionRequestRepository } from './extension-request.repository';
import { ResolutionTransitionHook, type ResolutionChange } from './resolution-hooks';
import { ResolutionRepository } from './resolution.repository';
import { ResolutionTransitionsService } from './resolution-transitions.service';
import { ResolutionsService } from './resolutions.service';

/** Everything the transitions need except the hook, as plain values (nothing here is called). */
const collaborators = [
  { provide: DataSource, useValue: {} },
  { provide: Clock, useValue: new ManualClock() },
  { provide: ResolutionsService, useValue: {} },
  { provide: AuditService, useValue: {} },
  { provide: PeopleService, useValue: {} },
  { provide: ResolutionRepository, useValue: {} },
  { provide: ExtensionRequestRepository, useValue: {} },
];

class Participant implements HookParticipant<ResolutionChange> {
  duringTransaction = () => Promise.resolve(undefined);
}

describe('the resolution transition hook is required', () => {
  it('an app composed without it fails at boot, naming the hook', async () => {
    await expect(Test.createTestingModule({ providers: [...collaborators, ResolutionTransitionsService] }).compile()).rejects.toThrow(
      /ResolutionTransitionHook/,
    );
  });

  it('an app that binds it starts, with the participants in the order bound', async () => {
    const module = await Test.createTestingModule({
      providers: [...collaborators, Participant, hookProvider(ResolutionTransitionHook, [Participant]), ResolutionTransitionsService],
    }).compile();
    expect(module.get(ResolutionTransitionsService)).toBeInstanceOf(ResolutionTransitionsService);
    expect(module.get(ResolutionTransitionHook).participants).toEqual([module.get(Participant)]);
  });
});
