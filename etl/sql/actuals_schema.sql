-- Uploaded actuals: one batch per confirmed upload; values are never overwritten, only outranked.
create table if not exists batches (
    batch_id varchar primary key,
    file_name varchar not null,
    sha256 varchar not null,
    uploaded_at timestamp not null,
    note varchar not null,
    rows_added integer not null,
    rows_replaced integer not null,
    rows_rejected integer not null
);

-- Undo is a fact of its own (DuckDB cannot update a row that other rows reference).
create table if not exists undone_batches (
    batch_id varchar primary key references batches (batch_id),
    undone_at timestamp not null
);

create table if not exists actual_values (
    batch_id varchar not null references batches (batch_id),
    source_row integer not null,
    region_id varchar not null,
    indicator_id varchar not null,
    year integer not null check (year between 1990 and 2100),
    value double not null,
    unit varchar not null,
    value_raw varchar not null,
    unit_raw varchar not null,
    scope varchar not null,
    source varchar not null,
    note varchar not null,
    primary key (batch_id, region_id, indicator_id, year)
);

-- Added later; a store written by an older version gains them at its next write (or at start-up).
alter table batches add column if not exists rows_unchanged integer default 0;
alter table batches add column if not exists uploaded_by varchar default '';
alter table batches add column if not exists uploaded_role varchar default '';
alter table batches add column if not exists uploaded_via varchar default '';
alter table batches add column if not exists uploaded_from varchar default '';
alter table undone_batches add column if not exists undone_by varchar default '';
alter table undone_batches add column if not exists undone_from varchar default '';
