#ifndef LIAISON_BROKER_STORAGE_FORMAT_VERSION_H_
#define LIAISON_BROKER_STORAGE_FORMAT_VERSION_H_

namespace liaison::storage {

// The on-disk format version this build writes (Table::kMeta
// "schema_version"; docs/data-safety.md lists the versions). It opens
// directories from kOldestSchemaVersion up; an older one is upgraded by
// storage::UpgradeFormat (format_upgrade.h) before use.
//   1: the first released format.
//   2: adds Table::kReceived, the notifications by time received (retention).
inline constexpr int kSchemaVersion = 2;
inline constexpr int kOldestSchemaVersion = 1;
inline constexpr char kSchemaVersionKey[] = "schema_version";

}  // namespace liaison::storage

#endif  // LIAISON_BROKER_STORAGE_FORMAT_VERSION_H_
