-- The access log is append-only: the gateway may insert and read, never update or delete.
-- Enforced here for every role that does not own the tables and cannot disable triggers.
CREATE FUNCTION "gateway"."refuse_log_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the access log is append-only (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "access_log_append_only" BEFORE UPDATE OR DELETE ON "gateway"."access_log" FOR EACH ROW EXECUTE FUNCTION "gateway"."refuse_log_change"();
--> statement-breakpoint
CREATE TRIGGER "access_log_no_truncate" BEFORE TRUNCATE ON "gateway"."access_log" FOR EACH STATEMENT EXECUTE FUNCTION "gateway"."refuse_log_change"();
--> statement-breakpoint
CREATE TRIGGER "access_log_checkpoints_append_only" BEFORE UPDATE OR DELETE ON "gateway"."access_log_checkpoints" FOR EACH ROW EXECUTE FUNCTION "gateway"."refuse_log_change"();
--> statement-breakpoint
CREATE TRIGGER "access_log_checkpoints_no_truncate" BEFORE TRUNCATE ON "gateway"."access_log_checkpoints" FOR EACH STATEMENT EXECUTE FUNCTION "gateway"."refuse_log_change"();
