-- One database per service on the compose PostgreSQL (the first comes from POSTGRES_DB).
CREATE DATABASE terpadu_health OWNER terpadu;
