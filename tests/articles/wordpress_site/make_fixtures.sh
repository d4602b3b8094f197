#!/usr/bin/env bash
# Builds a throwaway WordPress from Debian's packages (wordpress, php-cli, php-gd, php-mysql, and
# MariaDB), fills it through WordPress's own PHP API (content.php), and writes what the import
# tests read, beside this script: export.xml (Tools › Export › All content, by export_wp()),
# rendered/<post id>.html (each post's content as WordPress shows it: the_content filters,
# do_blocks and shortcodes included), uploads/ (the pictures and the sizes WordPress made) and
# WORDPRESS_VERSION. Nothing is downloaded but Debian's packages. Run as root:
#   bash tests/articles/wordpress_site/make_fixtures.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
host="wordpress-fixtures.example"
database="forever_fit_wordpress_fixtures"

export DEBIAN_FRONTEND=noninteractive
missing=""
for package in wordpress php-cli php-gd php-mysql; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if ! command -v mysql >/dev/null; then missing="$missing mariadb-server"; fi
if [ -n "$missing" ]; then apt-get update -qq && apt-get install -y -qq $missing; fi
if ! mysqladmin ping >/dev/null 2>&1; then
  (mysqld_safe >/dev/null 2>&1 &)
  until mysqladmin ping >/dev/null 2>&1; do sleep 1; done
fi

work="$(mktemp -d)"
trap 'rm -rf "$work" "/etc/wordpress/config-$host.php"; mysql -e "DROP DATABASE IF EXISTS $database"' EXIT
mkdir -p "$work/wp-content/uploads" "$work/wp-content/mu-plugins"
cp "$here"/mu-plugins/*.php "$work/wp-content/mu-plugins/"
mysql -e "DROP DATABASE IF EXISTS $database; CREATE DATABASE $database CHARACTER SET utf8mb4"

# Debian's WordPress reads /etc/wordpress/config-<host>.php; this one lives as long as the run.
cat > "/etc/wordpress/config-$host.php" <<PHP
<?php
define('DB_NAME', '$database');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost');
define('WP_CONTENT_DIR', '$work/wp-content');
define('WP_HOME', 'https://foreverfitpt.example');
define('WP_SITEURL', 'https://foreverfitpt.example');
define('WPMU_PLUGIN_DIR', '$work/wp-content/mu-plugins');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
\$table_prefix = 'wp_';
PHP

HTTP_HOST="$host" FIXTURES="$here" php -d memory_limit=512M "$here/content.php"

rm -rf "$here/uploads"
cp -r "$work/wp-content/uploads" "$here/uploads"
du -sh "$here/export.xml" "$here/uploads" "$here/rendered"
