#include "broker/storage/keyring.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "broker/common/crypto.h"
#include "broker/storage/cipher.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace liaison::storage {
namespace {

using config::v1::KeyFile;

absl::StatusOr<std::string> DecodeKey(absl::string_view field, absl::string_view base64, size_t bytes) {
  std::string raw;
  if (!absl::Base64Unescape(base64, &raw) || raw.size() != bytes) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": must be ", bytes, " bytes in base64"));
  }
  return raw;
}

class Collector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (first.empty()) first = absl::StrCat(line + 1, ":", column + 1, ": ", message);
  }
  std::string first;
};

std::string Encode(absl::string_view raw) { return absl::Base64Escape(raw); }

}  // namespace

absl::StatusOr<std::shared_ptr<const Keyring>> Keyring::FromProto(const KeyFile& file) {
  std::shared_ptr<Keyring> ring(new Keyring());
  auto secret = DecodeKey("index_secret", file.index_secret(), kKeyBytes);
  if (!secret.ok()) return secret.status();
  // Separate keys for each use, derived from the secret under fixed labels.
  const HmacKey derive(*secret);
  ring->hasher_ = std::make_unique<HmacKey>(derive.Mac({"liaison index hash v1"}));
  auto tokens = DetKey::Create(derive.Mac({"liaison index token mac v1"}), derive.Mac({"liaison index token enc v1"}));
  if (!tokens.ok()) return tokens.status();
  ring->tokens_ = *std::move(tokens);
  ring->person_refs_ = std::make_unique<HmacKey>(derive.Mac({"liaison audit person v1"}));
  ring->index_fingerprint_ = ToHex(derive.Mac({"liaison index fingerprint v1"}).substr(0, 8));
  for (int i = 0; i < file.data_keys_size(); ++i) {
    const config::v1::DataKey& key = file.data_keys(i);
    const std::string field = absl::StrCat("data_keys[", i, "]");
    if (key.id() == 0) return absl::InvalidArgumentError(absl::StrCat(field, ".id: must be 1 or more"));
    auto raw = DecodeKey(absl::StrCat(field, ".key"), key.key(), kKeyBytes);
    if (!raw.ok()) return raw.status();
    auto gcm = GcmKey::Create(*raw);
    if (!gcm.ok()) return gcm.status();
    if (!ring->data_keys_.emplace(key.id(), *std::move(gcm)).second) {
      return absl::InvalidArgumentError(absl::StrCat(field, ".id: ", key.id(), " is used twice"));
    }
  }
  if (ring->data_keys_.empty()) return absl::InvalidArgumentError("data_keys: at least one is required");
  if (!ring->data_keys_.contains(file.active_key_id())) {
    return absl::InvalidArgumentError(
        absl::StrCat("active_key_id: ", file.active_key_id(), " is not one of the data_keys"));
  }
  ring->active_id_ = file.active_key_id();
  return std::shared_ptr<const Keyring>(std::move(ring));
}

const GcmKey* Keyring::DataKey(uint32_t id) const {
  auto it = data_keys_.find(id);
  return it == data_keys_.end() ? nullptr : it->second.get();
}

std::string Keyring::PersonRef(absl::string_view crn) const {
  return absl::StrCat("psn_", ToHex(person_refs_->Mac({crn}).substr(0, 16)));
}

absl::StatusOr<KeyFile> ReadKeyFile(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(path, ": cannot read the key file: ", std::strerror(errno)));
  }
  if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "%s: the key file has mode %04o; it must be readable by its owner only (chmod 600)", path,
        st.st_mode & 07777));
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return absl::FailedPreconditionError(absl::StrCat(path, ": cannot read the key file"));
  KeyFile file;
  google::protobuf::TextFormat::Parser parser;
  Collector errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text.str(), &file)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ":", errors.first));
  }
  return file;
}

absl::StatusOr<std::shared_ptr<const Keyring>> FileKeyProvider::Load() const {
  auto file = ReadKeyFile(path_);
  if (!file.ok()) return file.status();
  auto ring = Keyring::FromProto(*file);
  if (!ring.ok()) return absl::InvalidArgumentError(absl::StrCat(path_, ": ", ring.status().message()));
  return ring;
}

KeyFile NewKeyFile(absl::Time now) {
  KeyFile file;
  file.set_index_secret(Encode(RandomBytes(32)));
  AddDataKey(&file, now);
  return file;
}

uint32_t AddDataKey(KeyFile* file, absl::Time now) {
  uint32_t id = 0;
  for (const config::v1::DataKey& key : file->data_keys()) id = std::max(id, key.id());
  config::v1::DataKey* key = file->add_data_keys();
  key->set_id(id + 1);
  key->set_key(Encode(RandomBytes(kKeyBytes)));
  key->set_created(absl::FormatTime(absl::RFC3339_sec, now, absl::UTCTimeZone()));
  file->set_active_key_id(id + 1);
  return id + 1;
}

absl::Status WriteKeyFile(const std::string& path, const KeyFile& file) {
  std::string text =
      "# Liaison keys for encryption at rest (liaison.config.v1.KeyFile). Keep this file\n"
      "# secret (mode 0600) and backed up apart from the data: without it the data is lost.\n";
  std::string body;
  google::protobuf::TextFormat::PrintToString(file, &body);
  text += body;
  const std::string temp = path + ".tmp";
  int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return absl::FailedPreconditionError(absl::StrCat(temp, ": ", std::strerror(errno)));
  bool ok = fchmod(fd, 0600) == 0 && write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            fsync(fd) == 0;
  ok = close(fd) == 0 && ok;
  if (!ok || rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    unlink(temp.c_str());
    return absl::FailedPreconditionError(absl::StrCat(path, ": cannot write the key file: ", reason));
  }
  return absl::OkStatus();
}

}  // namespace liaison::storage
