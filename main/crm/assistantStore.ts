import type { PreviewContact } from '../../shared/assistants/preview';
import type { Assistant } from '../../shared/crm/types';

/** What a person sets on an assistant; its agent URL as dialed (credentials unmasked), its audio by media id. */
export type AssistantFields = Pick<
  Assistant,
  'name' | 'greeting' | 'prompt' | 'voicemailMessage' | 'outboundEnabled' | 'provider' | 'agentUrl' | 'recordCalls' | 'engine' | 'realtimeModel' | 'realtimeVoice' | 'transferNumber' | 'maxCallMinutes' | 'collect' | 'successCriterion'
> & {
  greetingMediaId: string | null;
  voicemailMediaId: string | null;
};

/** An assistant as kept, with how many active numbers answer for it. Instants are UTC ms. */
export interface StoredAssistant extends AssistantFields {
  id: string;
  teamId: string;
  activeNumbers: number;
  createdAt: number;
  updatedAt: number;
}

/** A new assistant: the engine settings left out take the engine's defaults. */
export type NewAssistant = Pick<StoredAssistant, 'id' | 'teamId' | 'name' | 'outboundEnabled' | 'provider' | 'engine' | 'createdAt' | 'updatedAt'> &
  Partial<Omit<AssistantFields, 'name' | 'outboundEnabled' | 'provider' | 'engine'>>;

/** Where assistants persist; every engine implements it. Each method acts only on the team's own assistants (and contacts). */
export interface AssistantStore {
  /** The team's assistant; undefined when it has none with this id. */
  get(teamId: string, id: string): Promise<StoredAssistant | undefined>;
  /** The team's assistants, by name. */
  list(teamId: string): Promise<StoredAssistant[]>;
  insert(assistant: NewAssistant): Promise<void>;
  /** Writes the fields given, the assistant changed at `at`; false when the team has no such assistant. */
  update(teamId: string, id: string, changes: Partial<AssistantFields>, at: number): Promise<boolean>;
  /** What a preview renders the templates with for the team's contact; undefined when the team has no such contact. */
  previewContact(teamId: string, contactId: string): Promise<PreviewContact | undefined>;
}
