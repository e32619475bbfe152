#include "broker/server/config_loader.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "policy/loader.h"
#include "absl/strings/strip.h"
#include "broker/common/status_macros.h"
#include "broker/server/revocation.h"
#include "broker/validation/field_checks.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace liaison::server {
namespace {

using config::v1::BrokerConfig;
using config::v1::Principal;
using google::protobuf::TextFormat;

class Collector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (first_.empty()) first_ = absl::StrCat(line + 1, ":", column + 1, ": ", message);
  }
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

// Builds errors naming the file and the line where a field was written.
class Locator {
 public:
  explicit Locator(absl::string_view file) : file_(file) {}

  // `field` of `message` (element `index` of a repeated field, else -1) as
  // recorded in `tree`; the file alone when the location is unknown.
  absl::Status Error(const TextFormat::ParseInfoTree* tree, const google::protobuf::Message& message,
                     absl::string_view field, int index, absl::string_view path, absl::string_view reason) const {
    const auto* descriptor = message.GetDescriptor()->FindFieldByName(std::string(field));
    TextFormat::ParseLocation location;
    if (tree != nullptr && descriptor != nullptr) location = tree->GetLocation(descriptor, index);
    const std::string where =
        location.line >= 0 ? absl::StrCat(file_, ":", location.line + 1, ":", location.column + 1) : file_;
    return absl::InvalidArgumentError(absl::StrCat(where, ": ", path, ": ", reason));
  }

 private:
  std::string file_;
};

// Checks principal `index` of `parent` (a BrokerConfig or a PrincipalsFile,
// whose field "principals" holds them).
absl::Status CheckPrincipal(const Principal& p, int index, const TextFormat::ParseInfoTree* root,
                            const Locator& locate, const google::protobuf::Message& config,
                            const policy::v1::Directory& directory) {
  const auto* principals = config.GetDescriptor()->FindFieldByName("principals");
  const TextFormat::ParseInfoTree* tree = root->GetTreeForNested(principals, index);
  const std::string path = absl::StrCat("principals[", index, "]");
  if (p.id().empty()) return locate.Error(root, config, "principals", index, absl::StrCat(path, ".id"), "is required");
  switch (p.role()) {
    case config::v1::ROLE_AGENCY_ADAPTER:
      if (p.agency().agency_kind() == liaison::v1::AGENCY_KIND_UNSPECIFIED ||
          p.agency().organisation_code().empty()) {
        return locate.Error(tree, p, "role", -1, absl::StrCat(path, ".agency"),
                            "an agency adapter needs agency.agency_kind and agency.organisation_code");
      }
      break;
    case config::v1::ROLE_INBOX:
      if (p.recipient_ids().empty() && p.teams().empty()) {
        return locate.Error(tree, p, "role", -1, absl::StrCat(path, ".recipient_ids"),
                            "an inbox principal needs at least one recipient id or team");
      }
      for (int i = 0; i < p.recipient_ids_size(); ++i) {
        const std::string id_path = absl::StrCat(path, ".recipient_ids[", i, "]");
        absl::Status s = validation::CheckId(id_path, p.recipient_ids(i));
        if (!s.ok()) {
          // CheckId's message already starts with the path.
          return locate.Error(tree, p, "recipient_ids", i, id_path,
                              absl::StripPrefix(s.message(), absl::StrCat(id_path, ": ")));
        }
      }
      for (int i = 0; i < p.teams_size(); ++i) {
        if (std::none_of(directory.teams().begin(), directory.teams().end(),
                         [&](const auto& team) { return team.code() == p.teams(i); })) {
          return locate.Error(tree, p, "teams", i, absl::StrCat(path, ".teams[", i, "]"),
                              "is not a team in directory.teams");
        }
      }
      break;
    case config::v1::ROLE_PRISON_SECURITY:
      if (p.establishment().empty()) {
        return locate.Error(tree, p, "role", -1, absl::StrCat(path, ".establishment"),
                            "a prison security principal needs the prison code of its establishment");
      }
      if (std::none_of(directory.prisons().begin(), directory.prisons().end(), [&p](const auto& prison) {
            return prison.code() == p.establishment() && !prison.security_inbox().empty();
          })) {
        return locate.Error(tree, p, "establishment", -1, absl::StrCat(path, ".establishment"),
                            "is not a prison with a security inbox in directory.prisons");
      }
      break;
    case config::v1::ROLE_REGISTRY_ADMIN:
    case config::v1::ROLE_AUDITOR:
    case config::v1::ROLE_MATCH_REVIEWER:
    case config::v1::ROLE_POLICY_ADMIN:
    case config::v1::ROLE_OPERATOR:
      break;
    default:
      return locate.Error(tree, p, "id", -1, absl::StrCat(path, ".role"), "is required");
  }
  return absl::OkStatus();
}

// Checks every principal of `parent` (from file `locate` names) and that no
// id is in `ids` already, adding each.
absl::Status CheckPrincipals(const google::protobuf::Message& parent,
                             const google::protobuf::RepeatedPtrField<Principal>& principals,
                             const TextFormat::ParseInfoTree& tree, const Locator& locate,
                             const policy::v1::Directory& directory, std::set<std::string>* ids) {
  for (int i = 0; i < principals.size(); ++i) {
    RETURN_IF_ERROR(CheckPrincipal(principals[i], i, &tree, locate, parent, directory));
    if (!ids->insert(principals[i].id()).second) {
      return locate.Error(&tree, parent, "principals", i, absl::StrCat("principals[", i, "].id"),
                          "the same id appears twice");
    }
  }
  return absl::OkStatus();
}

// Reads config.principals_file and appends its principals to the config's.
absl::Status MergePrincipalsFile(const Locator& config_locate, const TextFormat::ParseInfoTree& config_tree,
                                 std::set<std::string>* ids, BrokerConfig* config) {
  const std::string& path = config->principals_file();
  std::ifstream in(path);
  if (!in) return config_locate.Error(&config_tree, *config, "principals_file", -1, "principals_file",
                                      absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  config::v1::PrincipalsFile file;
  TextFormat::Parser parser;
  Collector collector;
  TextFormat::ParseInfoTree tree;
  parser.RecordErrorsTo(&collector);
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(text.str(), &file)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ":", collector.first()));
  }
  RETURN_IF_ERROR(CheckPrincipals(file, file.principals(), tree, Locator(path), config->directory(), ids));
  for (Principal& principal : *file.mutable_principals()) *config->add_principals() = std::move(principal);
  return absl::OkStatus();
}

absl::Status CheckRevocation(const BrokerConfig& config, const TextFormat::ParseInfoTree& root, const Locator& locate) {
  const config::v1::Revocation& revocation = config.revocation();
  const TextFormat::ParseInfoTree* tree =
      root.GetTreeForNested(BrokerConfig::descriptor()->FindFieldByName("revocation"), -1);
  for (int i = 0; i < revocation.serials_size(); ++i) {
    if (NormalizeHex(revocation.serials(i), true).empty()) {
      return locate.Error(tree, revocation, "serials", i, absl::StrCat("revocation.serials[", i, "]"),
                          "is not a hexadecimal serial number");
    }
  }
  for (int i = 0; i < revocation.sha256_fingerprints_size(); ++i) {
    if (NormalizeHex(revocation.sha256_fingerprints(i), false).size() != 64) {
      return locate.Error(tree, revocation, "sha256_fingerprints", i,
                          absl::StrCat("revocation.sha256_fingerprints[", i, "]"),
                          "is not a SHA-256 fingerprint (64 hex digits)");
    }
  }
  return absl::OkStatus();
}

void FillDefaults(BrokerConfig* config) {
  auto* limits = config->mutable_limits();
  if (limits->max_notification_bytes() == 0) limits->set_max_notification_bytes(65536);
  if (limits->max_batch_items() == 0) limits->set_max_batch_items(500);
  if (limits->max_receive_message_bytes() == 0) limits->set_max_receive_message_bytes(4 << 20);
  if (limits->max_bulk_load_chunk() == 0) limits->set_max_bulk_load_chunk(1000);
  if (limits->requests_per_second() == 0) limits->set_requests_per_second(100);
  if (limits->request_burst() == 0) limits->set_request_burst(200);
  if (limits->max_subscriptions_per_principal() == 0) limits->set_max_subscriptions_per_principal(8);
  if (limits->max_connection_age_seconds() == 0) limits->set_max_connection_age_seconds(3600);
  if (limits->max_connection_age_grace_seconds() == 0) limits->set_max_connection_age_grace_seconds(300);
  auto* inbox = config->mutable_inbox();
  if (inbox->ack_deadline_seconds() == 0) inbox->set_ack_deadline_seconds(300);
  if (inbox->default_max_in_flight() == 0) inbox->set_default_max_in_flight(64);
  if (inbox->max_in_flight_limit() == 0) inbox->set_max_in_flight_limit(1000);
  auto* storage = config->mutable_storage();
  if (storage->block_cache_mb() == 0) storage->set_block_cache_mb(256);
  if (storage->write_buffer_mb() == 0) storage->set_write_buffer_mb(64);
  if (storage->min_free_disk_mb() == 0) storage->set_min_free_disk_mb(256);
  if (storage->max_open_files() == 0) storage->set_max_open_files(1000);
  auto* matching = config->mutable_matching();
  if (matching->max_candidates_per_key() == 0) matching->set_max_candidates_per_key(50);
  if (matching->max_candidates() == 0) matching->set_max_candidates(500);
  if (matching->max_scored_candidates() == 0) matching->set_max_scored_candidates(20);
  if (matching->unmatched_retention_days() == 0) matching->set_unmatched_retention_days(365);
}

}  // namespace

absl::StatusOr<BrokerConfig> ParseBrokerConfig(absl::string_view text, absl::string_view name) {
  BrokerConfig config;
  TextFormat::Parser parser;
  Collector collector;
  TextFormat::ParseInfoTree tree;
  parser.RecordErrorsTo(&collector);
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(std::string(text), &config)) {
    return absl::InvalidArgumentError(absl::StrCat(name, ":", collector.first()));
  }
  const Locator locate(name);
  if (absl::Status directory = policy::ValidateDirectory(config.directory()); !directory.ok()) {
    return locate.Error(&tree, config, "directory", -1, "directory",
                        absl::StripPrefix(directory.message(), "directory."));
  }
  std::set<std::string> ids;
  RETURN_IF_ERROR(CheckPrincipals(config, config.principals(), tree, locate, config.directory(), &ids));
  if (!config.principals_file().empty()) RETURN_IF_ERROR(MergePrincipalsFile(locate, tree, &ids, &config));
  RETURN_IF_ERROR(CheckRevocation(config, tree, locate));
  FillDefaults(&config);
  const auto& limits = config.limits();
  if (limits.max_receive_message_bytes() > static_cast<uint32_t>(std::numeric_limits<int>::max())) {
    return locate.Error(&tree, config, "limits", -1, "limits.max_receive_message_bytes", "is above 2^31-1");
  }
  const auto& inbox = config.inbox();
  if (inbox.default_max_in_flight() > inbox.max_in_flight_limit()) {
    return locate.Error(&tree, config, "inbox", -1, "inbox.default_max_in_flight",
                        "is above inbox.max_in_flight_limit (default 1000)");
  }
  const auto& matching = config.matching();
  if (matching.auto_link_weight() != 0 && matching.review_weight() > matching.auto_link_weight()) {
    return locate.Error(&tree, config, "matching", -1, "matching.review_weight", "is above matching.auto_link_weight");
  }
  if (matching.ambiguity_margin() < 0) {
    return locate.Error(&tree, config, "matching", -1, "matching.ambiguity_margin", "must not be negative");
  }
  if (config.storage().max_open_files() < 64) {
    return locate.Error(&tree, config, "storage", -1, "storage.max_open_files", "must be at least 64");
  }
  if (config.storage().write_buffer_mb() > config.storage().block_cache_mb()) {
    return locate.Error(&tree, config, "storage", -1, "storage.write_buffer_mb",
                        "is above storage.block_cache_mb (memtables are charged to the cache)");
  }
  return config;
}

absl::StatusOr<BrokerConfig> LoadBrokerConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read the config file"));
  std::stringstream text;
  text << in.rdbuf();
  return ParseBrokerConfig(text.str(), path);
}

absl::StatusOr<LoadedPolicy> LoadConfiguredPolicy(const config::v1::BrokerConfig& config) {
  LoadedPolicy loaded;
  absl::StatusOr<std::shared_ptr<const policy::RulePolicy>> parsed;
  if (config.policy().file().empty()) {
    loaded.origin = absl::StrCat("built-in (", policy::kBuiltInPolicyOrigin, ")");
    parsed = policy::ParsePolicy(policy::BuiltInPolicyText(), policy::kBuiltInPolicyOrigin, config.directory());
  } else {
    loaded.origin = config.policy().file();
    parsed = policy::LoadPolicyFile(config.policy().file(), config.directory());
  }
  if (!parsed.ok()) return parsed.status();
  loaded.policy = *std::move(parsed);
  return loaded;
}

}  // namespace liaison::server
