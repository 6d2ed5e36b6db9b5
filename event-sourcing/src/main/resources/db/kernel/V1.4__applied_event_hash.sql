-- What each projection applied per stream, comparable across services: the source of the stream's
-- events and the hash of the last one applied, which (chained) stands for every event before it.
ALTER TABLE projection_stream_version ADD COLUMN source TEXT, ADD COLUMN hash TEXT;
