import type { Migration } from './types';

/**
 * An enrolment holds its contact's row number, so the dialer reaches the contact by rowid (one B-tree
 * search) instead of through the text id's index (two): the due read and the claim's callability check
 * run for every dial. Writers set it; a row inserted without it (the evergreen triggers of 003), or with
 * another contact's, is put right after the insert: the dialer must never reach (and check) another contact.
 */
export const enrolmentContactSeq: Migration = {
  version: 10,
  name: 'enrolment-contact-seq',
  up(db) {
    db.exec(`
      ALTER TABLE campaign_contacts ADD COLUMN contact_seq INTEGER;
      UPDATE campaign_contacts SET contact_seq = (SELECT seq FROM contacts WHERE contacts.id = campaign_contacts.contact_id);
      CREATE TRIGGER campaign_contacts_contact_seq AFTER INSERT ON campaign_contacts
      WHEN new.contact_seq IS NOT (SELECT seq FROM contacts WHERE contacts.id = new.contact_id) BEGIN
        UPDATE campaign_contacts SET contact_seq = (SELECT seq FROM contacts WHERE contacts.id = new.contact_id) WHERE seq = new.seq;
      END;
    `);
  },
};
