import type { Migration } from './types';

export const DEFAULT_TEAM_ID = 'team_default';

export const crm: Migration = {
  version: 1,
  name: 'crm',
  up(db) {
    db.exec(`
      CREATE TABLE teams (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      INSERT INTO teams (id, name, created_at) VALUES ('${DEFAULT_TEAM_ID}', 'My team', ${Date.now()});

      CREATE TABLE companies (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id),
        name TEXT NOT NULL CHECK (length(name) > 0),
        website TEXT, industry TEXT, phone TEXT, city TEXT, state TEXT, country TEXT,
        custom_fields TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX companies_team_name ON companies (team_id, name COLLATE NOCASE);

      CREATE TABLE contacts (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        team_id TEXT NOT NULL REFERENCES teams(id),
        company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        first_name TEXT NOT NULL DEFAULT '',
        last_name TEXT NOT NULL DEFAULT '',
        phone TEXT CHECK (phone IS NULL OR phone GLOB '+[1-9]*'),
        -- the zones the number rings in ('|'-joined), from the phone-number data; NULL when unknown
        phone_zones TEXT,
        phone_secondary TEXT,
        email TEXT,
        job_title TEXT,
        lead_status TEXT NOT NULL DEFAULT 'new' CHECK (lead_status IN
          ('new','contacted','qualified','unqualified','customer','churned','do_not_contact')),
        source TEXT,
        timezone TEXT,
        do_not_call INTEGER NOT NULL DEFAULT 0 CHECK (do_not_call IN (0, 1)),
        notes TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        custom_fields TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- one contact per phone number within a company (CSV de-duplication relies on it)
      CREATE UNIQUE INDEX contacts_company_phone ON contacts (company_id, phone) WHERE phone IS NOT NULL;
      CREATE INDEX contacts_company_seq ON contacts (company_id, seq);
      CREATE INDEX contacts_team_seq ON contacts (team_id, seq);
      CREATE INDEX contacts_phone ON contacts (phone);

      CREATE TABLE assistants (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id),
        name TEXT NOT NULL CHECK (length(name) > 0),
        greeting TEXT, prompt TEXT, voicemail_message TEXT,
        outbound_enabled INTEGER NOT NULL DEFAULT 0 CHECK (outbound_enabled IN (0, 1)),
        provider TEXT NOT NULL DEFAULT 'simulator',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE phone_numbers (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id),
        number TEXT NOT NULL CHECK (number GLOB '+[1-9]*'),
        label TEXT,
        provider TEXT NOT NULL DEFAULT 'simulator',
        provider_config TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','error')),
        assistant_id TEXT REFERENCES assistants(id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (team_id, number)
      );
      CREATE INDEX phone_numbers_assistant ON phone_numbers (assistant_id, status);
    `);
  },
};
