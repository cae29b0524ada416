-- Targets database: reference tables, documents, every extracted number and every unplaced one.
create table regions (
    region_id varchar primary key,
    adcode varchar,
    name_zh varchar not null,
    name_en varchar not null,
    level varchar not null check (level in ('province', 'prefecture', 'county_city', 'county', 'district', 'zone')),
    parent_id varchar,
    host_id varchar,
    aliases varchar,
    local_aliases varchar,
    source varchar
);

create table indicators (
    indicator_id varchar primary key,
    name_zh varchar not null,
    name_en varchar not null,
    category varchar not null,
    unit varchar not null,
    kind varchar not null check (kind in ('level', 'share_pct', 'ratio', 'per_capita', 'count_events', 'boolean')),
    direction varchar not null check (direction in ('higher', 'lower')),
    is_additive boolean not null,
    numerator_id varchar,
    aliases varchar
);

create table documents (
    document_id varchar primary key,
    title varchar not null,
    issuer varchar,
    doc_number varchar,
    region_id varchar not null references regions (region_id),
    period_start integer not null,
    period_end integer not null,
    published varchar,
    url varchar,
    sha256 varchar not null,
    notes varchar,
    is_metadata_inferred boolean not null,
    body varchar not null
);

create table targets (
    target_id integer primary key,
    document_id varchar not null references documents (document_id),
    region_id varchar not null references regions (region_id),
    indicator_id varchar references indicators (indicator_id),  -- null: not in the catalogue
    indicator_label varchar not null,  -- the subject phrase as the document words it
    indicator_match varchar not null,  -- alias, alias_stem, fuzzy:NN, or '' when unmapped
    year integer,
    year_scope varchar not null check (year_scope in ('year', 'every_year', 'cumulative')),
    period_start integer not null,
    period_end integer not null,
    value double not null,
    unit varchar not null,
    value_raw double not null,
    unit_raw varchar not null,
    value_high double,
    kind varchar not null check (kind in ('level', 'growth_pct', 'net_increase', 'share_pct', 'ratio', 'per_capita', 'count_events', 'boolean', 'relative')),
    comparator varchar not null check (comparator in ('at_least', 'at_most', 'about', 'unspecified', 'yes')),
    firmness varchar not null check (firmness in ('', 'floor', 'stretch')),
    status varchar not null check (status in ('target', 'actual')),
    status_reason varchar not null,
    responsible_unit varchar not null,
    scope_note varchar not null,
    deadline varchar not null,
    quote varchar not null,
    quote_start integer not null,
    quote_end integer not null,
    value_start integer not null,
    value_end integer not null,
    context_start integer not null,
    context_end integer not null,
    rule varchar not null,
    target_key varchar not null,  -- DOCUMENT@START-END#N: the number's place, stable across builds
    review varchar not null check (review in ('unreviewed', 'accepted', 'corrected', 'added')),
    review_note varchar not null  -- the reviewers' reasons, with who
);

create table unplaced (
    unplaced_id integer primary key,
    document_id varchar not null references documents (document_id),
    text varchar not null,
    value_start integer not null,
    value_end integer not null,
    quote varchar not null,
    quote_start integer not null,
    quote_end integer not null,
    reason varchar not null,
    indicator_id varchar,
    region_id varchar
);

create table build_info (
    key varchar primary key,
    value varchar not null
);

-- Every review decision of data/review/corrections.jsonl and what the build did with it.
create table review_log (
    key varchar not null,
    action varchar not null,
    field varchar not null,
    old varchar not null,
    new varchar not null,
    who varchar not null,
    "when" varchar not null,
    why varchar not null,
    applied_to varchar not null,
    outcome varchar not null
);

-- Numbers a reviewer should look at twice (see etl/checks.py), with any explanation given.
create table plan_checks (
    check_id varchar primary key,
    check_kind varchar not null check (check_kind in ('below_actual', 'parts_vs_whole', 'two_values',
                                                      'overlap', 'growth_vs_levels')),
    region_id varchar not null,
    indicator_id varchar,
    indicator_label varchar,
    year integer,
    document_ids varchar not null,
    target_keys varchar not null,
    quotes varchar not null,
    message_zh varchar not null,
    message_en varchar not null,
    explained boolean not null,
    explanation varchar not null
);
