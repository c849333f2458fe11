// EntityTable: the entities of one kind a World holds, by id, in the order
// they came, with the undo log of one operation (the original of every entity
// edited, and which were created) for World::rollback().
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
  void commit() {
    originals_.clear();
    touched_order_.clear();
  }
  /// Ids touched since the last commit (changed or created), in touch order.
  std::vector<std::string> touched() const { return touched_order_; }
  bool created(std::string_view id) const {
    auto it = originals_.find(id);
    return it != originals_.end() && !it->second;
  }
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
  std::map<std::string, std::optional<T>, std::less<>> originals_;
  std::vector<std::string> touched_order_;
};

}  // namespace pvd::state
