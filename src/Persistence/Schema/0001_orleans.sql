-- AddonGrains schema 0001: tables, functions and OrleansQuery rows for the Orleans ADO.NET providers
-- (clustering, grain persistence, reminders). Written for this project from the provider contract.
-- Idempotent: every statement can run again without error or change. SchemaMigrator runs this file in one
-- transaction under an advisory lock and records version 1; psql -1 -f works as well.

CREATE TABLE IF NOT EXISTS addongrains_schema_version (
    version     integer     PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    description text        NOT NULL
);

-- Query texts the providers load at start: SELECT QueryKey, QueryText FROM OrleansQuery (unquoted, so lower case).
CREATE TABLE IF NOT EXISTS orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);

-- ---------------------------------------------------------------------------------------------------
-- Clustering (membership)
-- ---------------------------------------------------------------------------------------------------
-- One row per cluster (the provider calls it DeploymentId). version is the table's optimistic etag:
-- every membership change bumps it, and only when the caller's expected version matches.
CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id text        PRIMARY KEY,
    created_at    timestamptz NOT NULL DEFAULT now(),
    version       integer     NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,   -- Orleans SiloStatus: 3 Active, 6 Dead, ...
    proxy_port      integer     NULL,
    suspect_times   text        NULL,       -- "silo,time|silo,time" as the provider formats it
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Inserts a silo row and bumps the table version in one step. Returns 1 on success, 0 when the expected
-- version is stale or the silo row already exists; on 0 nothing has changed.
CREATE OR REPLACE FUNCTION addongrains_insert_membership(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_silo_name text,
    p_host_name text, p_status integer, p_proxy_port integer, p_start_time timestamptz,
    p_i_am_alive_time timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    affected integer;
BEGIN
    -- The version row is locked by this UPDATE until commit, so concurrent writers serialize here and the
    -- loser re-checks the version predicate and sees the bumped value.
    UPDATE orleans_membership_version
       SET version = version + 1
     WHERE deployment_id = p_deployment_id AND version = p_version;
    GET DIAGNOSTICS affected = ROW_COUNT;
    IF affected = 0 THEN
        RETURN 0;
    END IF;

    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                    proxy_port, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
            p_proxy_port, p_start_time, p_i_am_alive_time);
    RETURN 1;
EXCEPTION WHEN unique_violation THEN
    -- The block's subtransaction is rolled back, including the version bump.
    RETURN 0;
END;
$$;

-- Updates a silo row and bumps the table version in one step. Returns 1 on success, 0 when the expected
-- version is stale or the silo row does not exist; on 0 nothing has changed.
CREATE OR REPLACE FUNCTION addongrains_update_membership(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_status integer,
    p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    affected integer;
BEGIN
    UPDATE orleans_membership_version
       SET version = version + 1
     WHERE deployment_id = p_deployment_id AND version = p_version;
    GET DIAGNOSTICS affected = ROW_COUNT;
    IF affected = 0 THEN
        RETURN 0;
    END IF;

    UPDATE orleans_membership
       SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
     WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port
       AND generation = p_generation;
    GET DIAGNOSTICS affected = ROW_COUNT;
    IF affected = 0 THEN
        -- Undo the version bump by leaving the block with an error.
        RAISE EXCEPTION USING ERRCODE = 'no_data_found';
    END IF;
    RETURN 1;
EXCEPTION WHEN no_data_found THEN
    RETURN 0;
END;
$$;

-- ---------------------------------------------------------------------------------------------------
-- Grain persistence
-- ---------------------------------------------------------------------------------------------------
-- A grain's identity is (service_id, grain_type_string, grain_id_n0, grain_id_n1, grain_id_extension_string);
-- the two hashes only narrow the index. version is the etag: 1 on insert, +1 on each write or clear.
CREATE TABLE IF NOT EXISTS orleans_storage (
    grain_id_hash             integer     NOT NULL,
    grain_id_n0               bigint      NOT NULL,
    grain_id_n1               bigint      NOT NULL,
    grain_type_hash           integer     NOT NULL,
    grain_type_string         text        NOT NULL,
    grain_id_extension_string text        NULL,
    service_id                text        NOT NULL,
    payload_binary            bytea       NULL,     -- NULL after a clear
    modified_on               timestamptz NOT NULL DEFAULT now(),
    version                   integer     NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_orleans_storage_hashes
    ON orleans_storage (grain_id_hash, grain_type_hash);

-- Writes a grain's state if p_version is the stored version. p_version NULL (or 0, returned after a delete)
-- means "no row expected". Returns the new version, or NULL when the etag is stale; the provider then
-- raises InconsistentStateException.
CREATE OR REPLACE FUNCTION addongrains_write_storage(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer,
    p_grain_type_string text, p_grain_id_extension_string text, p_service_id text,
    p_version integer, p_payload bytea)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    new_version integer;
BEGIN
    IF p_version IS NOT NULL AND p_version > 0 THEN
        UPDATE orleans_storage
           SET payload_binary = p_payload, modified_on = now(), version = version + 1
         WHERE grain_id_hash = p_grain_id_hash AND grain_type_hash = p_grain_type_hash
           AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1
           AND grain_type_string = p_grain_type_string
           AND grain_id_extension_string IS NOT DISTINCT FROM p_grain_id_extension_string
           AND service_id = p_service_id
           AND version = p_version
        RETURNING version INTO new_version;
        RETURN new_version;
    END IF;

    -- First write: serialize concurrent first writers of the same grain (two-int advisory keys do not
    -- collide with the migrator's bigint key), then insert only if no row exists.
    PERFORM pg_advisory_xact_lock(p_grain_id_hash, p_grain_type_hash);
    IF EXISTS (SELECT 1 FROM orleans_storage
                WHERE grain_id_hash = p_grain_id_hash AND grain_type_hash = p_grain_type_hash
                  AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1
                  AND grain_type_string = p_grain_type_string
                  AND grain_id_extension_string IS NOT DISTINCT FROM p_grain_id_extension_string
                  AND service_id = p_service_id) THEN
        RETURN NULL;
    END IF;

    INSERT INTO orleans_storage (grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type_string,
                                 grain_id_extension_string, service_id, payload_binary, version)
    VALUES (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type_string,
            p_grain_id_extension_string, p_service_id, p_payload, 1);
    RETURN 1;
END;
$$;

-- Clears a grain's state (keeps the row, payload NULL) if p_version matches. Returns the new version or NULL.
CREATE OR REPLACE FUNCTION addongrains_clear_storage(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer,
    p_grain_type_string text, p_grain_id_extension_string text, p_service_id text, p_version integer)
RETURNS integer LANGUAGE sql AS $$
    UPDATE orleans_storage
       SET payload_binary = NULL, modified_on = now(), version = version + 1
     WHERE grain_id_hash = p_grain_id_hash AND grain_type_hash = p_grain_type_hash
       AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1
       AND grain_type_string = p_grain_type_string
       AND grain_id_extension_string IS NOT DISTINCT FROM p_grain_id_extension_string
       AND service_id = p_service_id
       AND version = p_version
    RETURNING version;
$$;

-- Deletes a grain's row (DeleteStateOnClear) if p_version matches. Returns 0 (the "no row" etag that a later
-- first write accepts) or NULL when the etag is stale.
CREATE OR REPLACE FUNCTION addongrains_delete_storage(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer,
    p_grain_type_string text, p_grain_id_extension_string text, p_service_id text, p_version integer)
RETURNS integer LANGUAGE sql AS $$
    WITH deleted AS (
        DELETE FROM orleans_storage
         WHERE grain_id_hash = p_grain_id_hash AND grain_type_hash = p_grain_type_hash
           AND grain_id_n0 = p_grain_id_n0 AND grain_id_n1 = p_grain_id_n1
           AND grain_type_string = p_grain_type_string
           AND grain_id_extension_string IS NOT DISTINCT FROM p_grain_id_extension_string
           AND service_id = p_service_id
           AND version = p_version
        RETURNING 1)
    SELECT CASE WHEN EXISTS (SELECT 1 FROM deleted) THEN 0 END;
$$;

-- ---------------------------------------------------------------------------------------------------
-- Reminders
-- ---------------------------------------------------------------------------------------------------
-- grain_hash is the grain's uniform hash as a signed int (the provider's cast); range reads compare signed.
CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,   -- milliseconds
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS ix_orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);

-- ---------------------------------------------------------------------------------------------------
-- Query texts. Parameter names (@Name) and result column names are what the providers bind and read.
-- ---------------------------------------------------------------------------------------------------
INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM inserted;
$q$),
('InsertMembershipKey', $q$
SELECT addongrains_insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
$q$),
('UpdateMembershipKey', $q$
SELECT addongrains_update_membership(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
    @IAmAliveTime, @Version);
$q$),
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$q$),
('MembershipReadAllKey', $q$
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port",
       m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
       m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId;
$q$),
('MembershipReadRowKey', $q$
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port",
       m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
       m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
       AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
 WHERE v.deployment_id = @DeploymentId;
$q$),
('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
  FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$q$),
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;  -- silo rows cascade
$q$),
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime;
$q$),
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
   AND status = 6 AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
   AND suspect_times IS NOT DISTINCT FROM @SuspectTimes;
$q$),
('WriteToStorageKey', $q$
SELECT addongrains_write_storage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS "NewGrainStateVersion";
$q$),
('ReadFromStorageKey', $q$
SELECT payload_binary AS "PayloadBinary", modified_on AS "ModifiedOn", version AS "Version"
  FROM orleans_storage
 WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_type_string = @GrainTypeString
   AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
   AND service_id = @ServiceId;
$q$),
('ClearStorageKey', $q$
SELECT addongrains_clear_storage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion) AS "NewGrainStateVersion";
$q$),
('DeleteStorageKey', $q$
SELECT addongrains_delete_storage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion) AS "NewGrainStateVersion";
$q$),
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders AS r (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
   SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
       version = r.version + 1
RETURNING version AS "Version";
$q$),
('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_id = @GrainId;
$q$),
('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
$q$),
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
$q$),
('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$q$),
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
     WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
       AND version = @Version
    RETURNING 1)
SELECT count(*)::integer FROM deleted;
$q$),
('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId;
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

INSERT INTO addongrains_schema_version (version, description)
VALUES (1, 'Orleans ADO.NET clustering, grain persistence and reminders')
ON CONFLICT (version) DO NOTHING;
