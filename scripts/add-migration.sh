#!/usr/bin/env bash
# Adds an EF Core migration to the records store that works on SQLite and on PostgreSQL alike.
# Usage: scripts/add-migration.sh Name
# "dotnet ef" writes SQLite's column types into the migration; they are stripped here, so that each
# provider derives its own types from the CLR types when it runs the migration, and the identity
# column gets PostgreSQL's annotation beside SQLite's (each provider ignores the other's), in the
# migration and in the model snapshot.
set -euo pipefail
cd "$(dirname "$0")/../src/Records"
name=${1:?migration name}
dotnet tool restore >/dev/null
dotnet dotnet-ef migrations add "$name" --output-dir Migrations
rm -f design-time.db
for file in Migrations/*.cs; do
  perl -0pi -e '
    s/type: "[A-Z]+", //g;
    s/\n\s*type: "[A-Z]+",//g;
    s/\n\s*\.HasColumnType\("[A-Z]+"\)//g;
    s/(modelBuilder\.HasAnnotation\("ProductVersion", "[^"]+"\);)(?!\n\s*NpgsqlModelBuilderExtensions)/$1\n            NpgsqlModelBuilderExtensions.UseIdentityByDefaultColumns(modelBuilder);/g;
    s/(b\.Property<long>\("Id"\)\n\s*\.ValueGeneratedOnAdd\(\);)(?!\n\s*NpgsqlPropertyBuilderExtensions)/$1\n\n                    NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));/g;
    s/(\.Annotation\("Sqlite:Autoincrement", true\))(?!\s*\n\s*\.Annotation\("Npgsql)/$1\n                        .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)/g;
  ' "$file"
done
echo "Added $name; check the migration, then run the records tests (SQLite and PostgreSQL)."
