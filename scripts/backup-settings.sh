# Settings shared by backup.sh and restore.sh (sourced): where the data, the records and the files a meeting needs are.
data=${LIVESESSION_DATA:-/var/lib/livesession}
sqlite=${LIVESESSION_RECORDS_SQLITE:-$data/records.db}
postgres=${LIVESESSION_RECORDS_POSTGRES:-}
# Turn recordings (audio/) and photos of written questions (attachments/).
file_folders=(audio attachments)
# The certificate that encrypts the link keys in Redis (the install's): a restore onto a fresh install needs it back.
certificate=${LIVESESSION_DATA_PROTECTION_CERT:-}
