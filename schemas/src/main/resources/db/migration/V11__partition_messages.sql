-- The PostgreSQL-backed message channel that carries re-evaluation partition requests from the
-- run that splits the work to `stella worker` processes (Spring Integration's JDBC channel
-- message store, PostgreSQL layout, in its own schema). A row is a request not yet taken.
CREATE SCHEMA IF NOT EXISTS messaging;
CREATE SEQUENCE messaging.int_message_seq START WITH 1 INCREMENT BY 1 NO CYCLE;
CREATE TABLE messaging.int_channel_message (
  message_id       char(36)     NOT NULL,
  group_key        char(36)     NOT NULL,
  created_date     bigint       NOT NULL,
  message_priority bigint,
  message_sequence bigint       NOT NULL DEFAULT nextval('messaging.int_message_seq'),
  message_bytes    bytea,
  region           varchar(100) NOT NULL,
  CONSTRAINT int_channel_message_pk PRIMARY KEY (region, group_key, created_date, message_sequence)
);
CREATE INDEX int_channel_msg_delete_idx ON messaging.int_channel_message (region, group_key, message_id);
