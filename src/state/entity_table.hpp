// EntityTable: the entities of one kind a World holds, by id, in the order
// they came, with the undo log of one operation (the original of every entity
// edited, and which were created) for World::rollback().
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pvd::state {

template <class T>
class EntityTable {
 public:
  T* find(std::string_view id) {
    auto it = items_.find(id);
    return it == items_.end() ? nullptr : it->second.get();
  }
  bool contains(std::string_view id) const { return items_.find(id) != items_.end(); }
  /// Inserts an entity that already exists (a fact or a loaded row); no undo.
  T& put_loaded(T v, const std::string& id);
  T& edit(const T& v, const std::string& id);
  T& add(T v, const std::string& id);
  void rollback();
  void commit();
  /// Ids touched since the last commit (changed or created), in touch order.
  const std::vector<std::string>& touched() const noexcept { return touched_order_; }
  bool created(const std::string& id) const {
    auto it = undo_.find(id);
    return it != undo_.end() && it->second.created;
  }
  /// Where the originals of edited entities come from on rollback() when the
  /// table does not copy them at edit(): `restore(id, entity)` puts back the
  /// entity as it was read. For a World whose entities are rows that stay as
  /// they were read until the decision is written (the store's, which never
  /// commits mid-request): a unit's settlement edits 100,000 accounts, and a
  /// copy of each was made only for the rare denial.
  using Restore = std::function<void(const std::string& id, T& entity)>;
  void restore_from(Restore restore) { restore_ = std::move(restore); }
  std::vector<T*> all();  // in insertion order
  /// Calls `f(entity)` for each entity whose id is greater than `after`, in
  /// ascending byte order of the ids, until `f` returns false (the pages of
  /// queries: O(visited), not O(held)).
  template <class F>
  void each_after(std::string_view after, F f) {
    for (auto it = items_.upper_bound(after); it != items_.end(); ++it)
      if (!f(static_cast<const T&>(*it->second))) return;
  }
  const std::vector<std::string>& order() const noexcept { return order_; }

 private:
  std::map<std::string, std::unique_ptr<T>, std::less<>> items_;
  std::vector<std::string> order_;
  std::vector<T*> held_;  // the entity of each id of order_ (all() without a lookup per id)
  struct Undo {
    bool created = false;
    std::unique_ptr<T> original;  // a copy made at edit(), unless restore_ is set
  };
  std::unordered_map<std::string, Undo> undo_;  // every id touched since the last commit
  std::vector<std::string> touched_order_;
  Restore restore_;
};

}  // namespace pvd::state
