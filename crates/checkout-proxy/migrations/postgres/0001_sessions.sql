-- Browser sessions: the opaque cookie key, the server-side state as JSON, and when the
-- session was last used (milliseconds since the Unix epoch, for the idle timeout).
CREATE TABLE IF NOT EXISTS sessions (
    key TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    last_seen BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_last_seen ON sessions (last_seen);
