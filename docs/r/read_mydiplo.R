# Read the mydiplo data package in R: the CSV files with the column types of their Table Schema, and the
# SQLite export with DBI. docs/r.md walks through it; the project's tests run it on every change.
#
#   Rscript read_mydiplo.R PACKAGE SQLITE
#
# PACKAGE is a folder holding datapackage.json: a checkout of mydiplo, or the unpacked data archive of a
# release. SQLITE is the database `mydiplo export` writes (out/mydiplo.sqlite), or the release's
# mydiplo-VERSION.sqlite. It reads every table both ways, stops with an error when the two disagree (row
# counts, or the names a join finds), and prints each table's rows and typed columns, and every visit with
# its traveller.
# Needs readr, jsonlite, DBI and RSQLite (on Debian: r-cran-readr r-cran-jsonlite r-cran-dbi r-cran-rsqlite).

library(readr)
library(jsonlite)
library(DBI)

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript read_mydiplo.R PACKAGE SQLITE")
package <- args[1]
sqlite <- args[2]
options(width = 120)  # the table of visits on one line per visit

# --- the CSV files, typed by their Table Schema ---
# A Table Schema type as a readr column type. Counts have a maximum of 10^9 in their schema, within R's
# integers; partial dates (2025-12, 2025-12~) are strings, kept as written.
column_type <- function(field) {
  maximum <- field$constraints$maximum
  switch(field$type,
    integer = if (!is.null(maximum) && maximum <= .Machine$integer.max) col_integer() else col_double(),
    number = col_double(),
    boolean = col_logical(),
    date = col_date(),
    col_character()
  )
}

read_table <- function(package, resource) {
  schema <- fromJSON(file.path(package, resource$schema), simplifyVector = FALSE)
  names <- vapply(schema$fields, function(field) field$name, "")
  types <- setNames(lapply(schema$fields, column_type), names)
  table <- read_csv(
    file.path(package, resource$path),
    col_types = do.call(cols, types),
    na = unlist(schema$missingValues),  # an empty cell is a missing value, also in text columns
    trim_ws = FALSE, lazy = FALSE, progress = FALSE
  )
  if (!identical(names(table), names)) stop(resource$name, ": the header is not the schema's columns")
  if (nrow(problems(table)) > 0) stop(resource$name, ": cells that are not of their column's type")
  table
}

descriptor <- fromJSON(file.path(package, "datapackage.json"), simplifyVector = FALSE)
tables <- lapply(descriptor$resources, function(resource) read_table(package, resource))
names(tables) <- vapply(descriptor$resources, function(resource) resource$name, "")

# --- every visit with its traveller's name, from the CSV files ---
travellers <- setNames(tables$actors[c("actor_id", "name")], c("traveller_id", "traveller"))
visits <- merge(tables$visits, travellers, by = "traveller_id")
visits <- visits[order(visits$start_date, visits$visit_id), c("visit_id", "start_date", "traveller")]

# --- the same from the SQLite export ---
connection <- dbConnect(RSQLite::SQLite(), sqlite, flags = RSQLite::SQLITE_RO)
joined <- dbGetQuery(connection, "
  SELECT v.visit_id, v.start_date, v.start_date_earliest, a.name AS traveller
  FROM visits v JOIN actors a ON a.actor_id = v.traveller_id
  ORDER BY v.start_date_earliest, v.visit_id")
joined$start_date_earliest <- as.Date(joined$start_date_earliest)  # a partial date's bounds are ISO days
counts <- sapply(names(tables), function(name) {
  dbGetQuery(connection, paste0('SELECT COUNT(*) AS n FROM "', name, '"'))$n
})
dbDisconnect(connection)

# --- the two readings agree ---
rows <- sapply(tables, nrow)
differ <- names(rows)[rows != counts[names(rows)]]
if (length(differ) > 0) stop("rows differ between the CSV files and SQLite: ", paste(differ, collapse = ", "))
if (nrow(visits) != rows[["visits"]]) stop("a visit's traveller is not among the actors")
by_csv <- setNames(visits$traveller, visits$visit_id)
by_sql <- setNames(joined$traveller, joined$visit_id)
if (!identical(by_csv[sort(names(by_csv))], by_sql[sort(names(by_sql))])) {
  stop("the travellers of the visits differ between the CSV files and SQLite")
}

# Each table: its name, its rows and its columns of a type other than text, tab-separated.
for (name in names(tables)) {
  classes <- vapply(tables[[name]], function(column) class(column)[1], "")
  typed <- classes[classes != "character"]
  columns <- if (length(typed) > 0) paste0(names(typed), ":", typed, collapse = " ") else ""
  cat(name, "\t", rows[[name]], "\t", columns, "\n", sep = "")
}
print(as.data.frame(visits), row.names = FALSE)
