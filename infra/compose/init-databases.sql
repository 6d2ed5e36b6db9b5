-- Run once by the postgres image's entrypoint (docker-entrypoint-initdb.d), and only when the
-- data volume is empty: one database per service. Each service's Flyway migrations create the
-- schema inside its own database.
CREATE DATABASE issuer;
CREATE DATABASE registry;
CREATE DATABASE recognition;
