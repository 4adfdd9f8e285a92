# Shell helpers shared by the scripts (sourced, not run).

# Prints the secret kept in file $1, made once (24 random bytes, letters and digits only) and readable by its owner only.
secret_key() {
  [ -f "$1" ] || (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$1")
  chmod 600 "$1"
  cat "$1"
}
