import { sql, type Kysely } from "kysely";

/**
 * The whole schema of the planning system. The database keeps the data true on its own:
 * foreign keys (composite ones keep children inside their parent's plan), NOT NULL,
 * CHECK constraints for weights, progress and enum-like states, and unique codes per plan.
 * Measured values and targets are `numeric`, never float.
 *
 * Each statement is run on its own: PGlite's extended protocol takes one statement per call.
 */
const statements: string[] = [
  // --- plans and their strategic definitions -------------------------------------------------
  `CREATE TABLE plans (
     id            serial PRIMARY KEY,
     code          text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9._-]{1,40}$'),
     name          text NOT NULL CHECK (length(btrim(name)) > 0),
     description   text,
     start_year    integer NOT NULL CHECK (start_year BETWEEN 2000 AND 2100),
     end_year      integer NOT NULL CHECK (end_year BETWEEN 2000 AND 2100),
     status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
     green_threshold  numeric(6, 2) NOT NULL DEFAULT 95,
     yellow_threshold numeric(6, 2) NOT NULL DEFAULT 75,
     score_cap     numeric(6, 2) NOT NULL DEFAULT 100 CHECK (score_cap >= 100 AND score_cap <= 1000),
     is_demo       boolean NOT NULL DEFAULT false,
     created_at    timestamptz NOT NULL DEFAULT now(),
     updated_at    timestamptz NOT NULL DEFAULT now(),
     CHECK (end_year >= start_year AND end_year - start_year < 20),
     CHECK (yellow_threshold >= 0 AND yellow_threshold <= green_threshold)
   )`,
  `CREATE TABLE strategic_definitions (
     id         serial PRIMARY KEY,
     plan_id    integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
     kind       text NOT NULL CHECK (kind IN ('mission', 'vision', 'value', 'principle', 'other')),
     title      text,
     body       text NOT NULL CHECK (length(btrim(body)) > 0),
     position   integer NOT NULL DEFAULT 0,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX strategic_definitions_plan_idx ON strategic_definitions (plan_id, position)`,

  // --- pillars and cross-cutting axes ---------------------------------------------------------
  `CREATE TABLE pillars (
     id          serial PRIMARY KEY,
     plan_id     integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
     code        text NOT NULL CHECK (length(btrim(code)) > 0),
     name        text NOT NULL CHECK (length(btrim(name)) > 0),
     action_line text,
     governance  text,
     description text,
     weight      numeric(9, 3) NOT NULL DEFAULT 1 CHECK (weight >= 0),
     color       text NOT NULL DEFAULT '#0F69C4' CHECK (color ~ '^#[0-9A-Fa-f]{6}$'),
     position    integer NOT NULL DEFAULT 0,
     created_at  timestamptz NOT NULL DEFAULT now(),
     updated_at  timestamptz NOT NULL DEFAULT now(),
     UNIQUE (plan_id, code),
     UNIQUE (id, plan_id)
   )`,
  `CREATE TABLE axes (
     id          serial PRIMARY KEY,
     plan_id     integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
     code        text NOT NULL CHECK (length(btrim(code)) > 0),
     name        text NOT NULL CHECK (length(btrim(name)) > 0),
     description text,
     color       text NOT NULL DEFAULT '#6A6A6A' CHECK (color ~ '^#[0-9A-Fa-f]{6}$'),
     position    integer NOT NULL DEFAULT 0,
     created_at  timestamptz NOT NULL DEFAULT now(),
     updated_at  timestamptz NOT NULL DEFAULT now(),
     UNIQUE (plan_id, code)
   )`,

  // --- organisation: units (a tree) and users -------------------------------------------------
  `CREATE TABLE units (
     id         serial PRIMARY KEY,
     parent_id  integer REFERENCES units (id) ON DELETE RESTRICT,
     code       text NOT NULL UNIQUE CHECK (length(btrim(code)) > 0),
     name       text NOT NULL CHECK (length(btrim(name)) > 0),
     kind       text NOT NULL DEFAULT 'department' CHECK (kind IN ('division', 'department', 'section', 'office')),
     is_active  boolean NOT NULL DEFAULT true,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     CHECK (parent_id IS NULL OR parent_id <> id)
   )`,
  `CREATE INDEX units_parent_idx ON units (parent_id)`,
  `CREATE TABLE users (
     id            serial PRIMARY KEY,
     email         text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
     name          text NOT NULL CHECK (length(btrim(name)) > 0),
     role          text NOT NULL CHECK (role IN ('admin', 'planner', 'committee', 'unit_head', 'viewer')),
     password_hash text,
     is_active     boolean NOT NULL DEFAULT true,
     password_changed_at timestamptz,
     created_at    timestamptz NOT NULL DEFAULT now(),
     updated_at    timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE UNIQUE INDEX users_email_key ON users (lower(email))`,
  `CREATE TABLE user_units (
     user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     unit_id integer NOT NULL REFERENCES units (id) ON DELETE CASCADE,
     PRIMARY KEY (user_id, unit_id)
   )`,
  `CREATE INDEX user_units_unit_idx ON user_units (unit_id)`,
  `CREATE TABLE sessions (
     id         text PRIMARY KEY,
     user_id    integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     expires_at timestamptz NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX sessions_user_idx ON sessions (user_id)`,

  // --- objectives and indicators --------------------------------------------------------------
  `CREATE TABLE objectives (
     id            serial PRIMARY KEY,
     plan_id       integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
     pillar_id     integer NOT NULL,
     code          text NOT NULL CHECK (length(btrim(code)) > 0),
     title         text NOT NULL CHECK (length(btrim(title)) > 0),
     description   text,
     weight        numeric(9, 3) NOT NULL DEFAULT 1 CHECK (weight >= 0),
     owner_unit_id integer REFERENCES units (id) ON DELETE RESTRICT,
     position      integer NOT NULL DEFAULT 0,
     archived_at   timestamptz,
     created_at    timestamptz NOT NULL DEFAULT now(),
     updated_at    timestamptz NOT NULL DEFAULT now(),
     UNIQUE (plan_id, code),
     UNIQUE (id, plan_id),
     FOREIGN KEY (pillar_id, plan_id) REFERENCES pillars (id, plan_id) ON DELETE RESTRICT
   )`,
  `CREATE INDEX objectives_pillar_idx ON objectives (pillar_id, position)`,
  `CREATE TABLE objective_axes (
     objective_id integer NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
     axis_id      integer NOT NULL REFERENCES axes (id) ON DELETE CASCADE,
     PRIMARY KEY (objective_id, axis_id)
   )`,
  `CREATE TABLE indicators (
     id                  serial PRIMARY KEY,
     plan_id             integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
     objective_id        integer NOT NULL,
     code                text NOT NULL CHECK (length(btrim(code)) > 0),
     name                text NOT NULL CHECK (length(btrim(name)) > 0),
     description         text,
     formula             text,
     kind                text NOT NULL CHECK (kind IN ('ratio', 'value')),
     numerator_label     text,
     denominator_label   text,
     factor              numeric(12, 4) NOT NULL DEFAULT 1 CHECK (factor > 0),
     unit_of_measure     text NOT NULL DEFAULT '%',
     direction           text NOT NULL CHECK (direction IN ('increase', 'decrease')),
     periodicity         text NOT NULL CHECK (periodicity IN ('monthly', 'quarterly', 'semiannual', 'annual')),
     aggregation         text NOT NULL CHECK (aggregation IN ('sum', 'average', 'last')),
     scoring_method      text NOT NULL DEFAULT 'ratio' CHECK (scoring_method IN ('ratio', 'baseline')),
     baseline_value      numeric(18, 4),
     baseline_year       integer CHECK (baseline_year BETWEEN 1990 AND 2100),
     weight              numeric(9, 3) NOT NULL DEFAULT 1 CHECK (weight >= 0),
     responsible_unit_id integer NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
     data_source         text,
     verification_means  text,
     sex_disaggregated   boolean NOT NULL DEFAULT false,
     is_published        boolean NOT NULL DEFAULT false,
     position            integer NOT NULL DEFAULT 0,
     archived_at         timestamptz,
     created_at          timestamptz NOT NULL DEFAULT now(),
     updated_at          timestamptz NOT NULL DEFAULT now(),
     UNIQUE (plan_id, code),
     FOREIGN KEY (objective_id, plan_id) REFERENCES objectives (id, plan_id) ON DELETE RESTRICT,
     CHECK (kind = 'value' OR (numerator_label IS NOT NULL AND denominator_label IS NOT NULL)),
     CHECK (scoring_method = 'ratio' OR baseline_value IS NOT NULL)
   )`,
  `CREATE INDEX indicators_objective_idx ON indicators (objective_id, position)`,
  `CREATE INDEX indicators_unit_idx ON indicators (responsible_unit_id)`,
  `CREATE INDEX indicators_plan_idx ON indicators (plan_id, code)`,
  `CREATE TABLE indicator_axes (
     indicator_id integer NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
     axis_id      integer NOT NULL REFERENCES axes (id) ON DELETE CASCADE,
     PRIMARY KEY (indicator_id, axis_id)
   )`,
  `CREATE INDEX indicator_axes_axis_idx ON indicator_axes (axis_id)`,

  // --- reporting periods, targets and measurements --------------------------------------------
  `CREATE TABLE periods (
     id          serial PRIMARY KEY,
     plan_id     integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
     key         text NOT NULL CHECK (key ~ '^[0-9]{4}(-[0-9]{2}|-Q[1-4]|-S[12])?$'),
     periodicity text NOT NULL CHECK (periodicity IN ('monthly', 'quarterly', 'semiannual', 'annual')),
     year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
     number      integer NOT NULL CHECK (number BETWEEN 1 AND 12),
     start_date  date NOT NULL,
     end_date    date NOT NULL,
     status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
     closed_at   timestamptz,
     closed_by   integer REFERENCES users (id) ON DELETE RESTRICT,
     UNIQUE (plan_id, key),
     CHECK (end_date >= start_date),
     CHECK (status = 'open' OR closed_at IS NOT NULL)
   )`,
  `CREATE INDEX periods_plan_idx ON periods (plan_id, periodicity, year, number)`,
  `CREATE TABLE targets (
     id           serial PRIMARY KEY,
     indicator_id integer NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
     period_id    integer NOT NULL REFERENCES periods (id) ON DELETE RESTRICT,
     value        numeric(18, 4) NOT NULL,
     version      integer NOT NULL DEFAULT 1 CHECK (version >= 1),
     updated_by   integer REFERENCES users (id) ON DELETE RESTRICT,
     created_at   timestamptz NOT NULL DEFAULT now(),
     updated_at   timestamptz NOT NULL DEFAULT now(),
     UNIQUE (indicator_id, period_id)
   )`,
  `CREATE INDEX targets_period_idx ON targets (period_id)`,
  `CREATE TABLE measurements (
     id           serial PRIMARY KEY,
     indicator_id integer NOT NULL REFERENCES indicators (id) ON DELETE RESTRICT,
     period_id    integer NOT NULL REFERENCES periods (id) ON DELETE RESTRICT,
     numerator    numeric(18, 4),
     denominator  numeric(18, 4) CHECK (denominator >= 0),
     value        numeric(18, 4),
     value_women  numeric(18, 4),
     value_men    numeric(18, 4),
     comment      text,
     evidence_url text,
     state        text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
     review_note  text,
     reported_by  integer REFERENCES users (id) ON DELETE RESTRICT,
     reported_at  timestamptz,
     submitted_at timestamptz,
     reviewed_by  integer REFERENCES users (id) ON DELETE RESTRICT,
     reviewed_at  timestamptz,
     version      integer NOT NULL DEFAULT 1 CHECK (version >= 1),
     created_at   timestamptz NOT NULL DEFAULT now(),
     updated_at   timestamptz NOT NULL DEFAULT now(),
     UNIQUE (indicator_id, period_id),
     CHECK (evidence_url IS NULL OR evidence_url ~ '^https?://')
   )`,
  `CREATE INDEX measurements_period_state_idx ON measurements (period_id, state)`,

  // --- action plan ----------------------------------------------------------------------------
  `CREATE TABLE commitments (
     id                  serial PRIMARY KEY,
     plan_id             integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
     pillar_id           integer NOT NULL,
     code                text NOT NULL CHECK (length(btrim(code)) > 0),
     title               text NOT NULL CHECK (length(btrim(title)) > 0),
     description         text,
     responsible_unit_id integer NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
     start_date          date NOT NULL,
     end_date            date NOT NULL,
     weight              numeric(9, 3) NOT NULL DEFAULT 1 CHECK (weight >= 0),
     is_published        boolean NOT NULL DEFAULT false,
     position            integer NOT NULL DEFAULT 0,
     archived_at         timestamptz,
     created_at          timestamptz NOT NULL DEFAULT now(),
     updated_at          timestamptz NOT NULL DEFAULT now(),
     UNIQUE (plan_id, code),
     FOREIGN KEY (pillar_id, plan_id) REFERENCES pillars (id, plan_id) ON DELETE RESTRICT,
     CHECK (end_date >= start_date)
   )`,
  `CREATE INDEX commitments_pillar_idx ON commitments (pillar_id, position)`,
  `CREATE INDEX commitments_unit_idx ON commitments (responsible_unit_id)`,
  `CREATE TABLE commitment_axes (
     commitment_id integer NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
     axis_id       integer NOT NULL REFERENCES axes (id) ON DELETE CASCADE,
     PRIMARY KEY (commitment_id, axis_id)
   )`,
  `CREATE TABLE milestones (
     id            serial PRIMARY KEY,
     commitment_id integer NOT NULL REFERENCES commitments (id) ON DELETE RESTRICT,
     title         text NOT NULL CHECK (length(btrim(title)) > 0),
     description   text,
     due_date      date NOT NULL,
     weight        numeric(9, 3) NOT NULL DEFAULT 1 CHECK (weight >= 0),
     progress      numeric(5, 2) NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 100),
     state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in_progress', 'done', 'cancelled')),
     evidence_url  text CHECK (evidence_url IS NULL OR evidence_url ~ '^https?://'),
     comment       text,
     completed_at  timestamptz,
     position      integer NOT NULL DEFAULT 0,
     version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
     updated_by    integer REFERENCES users (id) ON DELETE RESTRICT,
     created_at    timestamptz NOT NULL DEFAULT now(),
     updated_at    timestamptz NOT NULL DEFAULT now(),
     CHECK (state <> 'done' OR progress = 100)
   )`,
  `CREATE INDEX milestones_commitment_idx ON milestones (commitment_id, position)`,
  `CREATE INDEX milestones_open_due_idx ON milestones (due_date) WHERE state IN ('pending', 'in_progress')`,

  // --- committee ------------------------------------------------------------------------------
  `CREATE TABLE committee_sessions (
     id         serial PRIMARY KEY,
     plan_id    integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
     number     integer NOT NULL CHECK (number >= 1),
     held_on    date NOT NULL,
     title      text NOT NULL CHECK (length(btrim(title)) > 0),
     minutes    text,
     state      text NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'held', 'cancelled')),
     created_by integer REFERENCES users (id) ON DELETE RESTRICT,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (plan_id, number)
   )`,
  `CREATE TABLE agreements (
     id                  serial PRIMARY KEY,
     session_id          integer NOT NULL REFERENCES committee_sessions (id) ON DELETE CASCADE,
     position            integer NOT NULL DEFAULT 0,
     text                text NOT NULL CHECK (length(btrim(text)) > 0),
     responsible_unit_id integer REFERENCES units (id) ON DELETE RESTRICT,
     due_date            date,
     state               text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in_progress', 'done', 'cancelled')),
     completed_at        timestamptz,
     created_at          timestamptz NOT NULL DEFAULT now(),
     updated_at          timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX agreements_session_idx ON agreements (session_id, position)`,
  `CREATE TABLE comments (
     id             serial PRIMARY KEY,
     indicator_id   integer REFERENCES indicators (id) ON DELETE CASCADE,
     measurement_id integer REFERENCES measurements (id) ON DELETE CASCADE,
     milestone_id   integer REFERENCES milestones (id) ON DELETE CASCADE,
     author_id      integer NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
     body           text NOT NULL CHECK (length(btrim(body)) > 0),
     created_at     timestamptz NOT NULL DEFAULT now(),
     CHECK (num_nonnulls(indicator_id, measurement_id, milestone_id) = 1)
   )`,
  `CREATE INDEX comments_indicator_idx ON comments (indicator_id, created_at) WHERE indicator_id IS NOT NULL`,
  `CREATE INDEX comments_measurement_idx ON comments (measurement_id, created_at) WHERE measurement_id IS NOT NULL`,
  `CREATE INDEX comments_milestone_idx ON comments (milestone_id, created_at) WHERE milestone_id IS NOT NULL`,

  // --- audit trail: append-only, paged by keyset (occurred_at, id) ----------------------------
  `CREATE TABLE audit_events (
     id          bigserial PRIMARY KEY,
     occurred_at timestamptz NOT NULL DEFAULT now(),
     user_id     integer REFERENCES users (id) ON DELETE RESTRICT,
     action      text NOT NULL CHECK (length(btrim(action)) > 0),
     entity_type text NOT NULL CHECK (length(btrim(entity_type)) > 0),
     entity_id   text,
     before      jsonb,
     after       jsonb,
     request_id  text
   )`,
  `CREATE INDEX audit_events_time_idx ON audit_events (occurred_at DESC, id DESC)`,
  `CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, id DESC)`,
  `CREATE INDEX audit_events_user_idx ON audit_events (user_id, id DESC)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
