#include "state/entity_table.hpp"

#include <algorithm>
#include <stdexcept>

#include "state/entities.hpp"

namespace pvd::state {

template <class T>
T& EntityTable<T>::put_loaded(T v, const std::string& id) {
  auto it = items_.find(id);
  if (it != items_.end()) return *it->second;  // already here (maybe changed): keep ours
  auto& slot = items_[id];
  slot = std::make_unique<T>(std::move(v));
  order_.push_back(id);
  held_.push_back(slot.get());
  return *slot;
}

template <class T>
T& EntityTable<T>::edit(const T& v, const std::string& id) {
  T* cur = find(id);
  if (!cur || cur != &v) throw std::logic_error("edit() of an entity not held by this world: " + id);
  if (auto [it, first] = undo_.try_emplace(id); first) {
    if (!restore_) it->second.original = std::make_unique<T>(*cur);
    touched_order_.push_back(id);
  }
  return *cur;
}

template <class T>
T& EntityTable<T>::add(T v, const std::string& id) {
  if (items_.find(id) != items_.end()) throw std::logic_error("add() of an existing entity: " + id);
  auto& slot = items_[id];
  slot = std::make_unique<T>(std::move(v));
  order_.push_back(id);
  held_.push_back(slot.get());
  undo_[id].created = true;
  touched_order_.push_back(id);
  return *slot;
}

template <class T>
void EntityTable<T>::rollback() {
  // O(changes + held): the added ids leave order_ in one pass.
  bool added = false;
  for (auto& [id, undo] : undo_) {
    if (undo.created) {
      items_.erase(id);
      added = true;
    } else if (undo.original) {
      *items_[id] = std::move(*undo.original);
    } else {
      restore_(id, *items_[id]);
    }
  }
  if (added) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < order_.size(); ++i) {
      if (!items_.count(order_[i])) continue;
      if (kept != i) {
        order_[kept] = std::move(order_[i]);
        held_[kept] = held_[i];
      }
      ++kept;
    }
    order_.resize(kept);
    held_.resize(kept);
  }
  undo_.clear();
  touched_order_.clear();
}

template <class T>
void EntityTable<T>::commit() {
  // The originals restore_ gives are those before the decision, not before this commit.
  if (restore_) throw std::logic_error("commit() of a table whose originals are restored from where they were read");
  undo_.clear();
  touched_order_.clear();
}

template <class T>
std::vector<T*> EntityTable<T>::all() {
  return held_;
}

template class EntityTable<Unit>;
template class EntityTable<Account>;
template class EntityTable<Person>;
template class EntityTable<Bill>;
template class EntityTable<Case>;

}  // namespace pvd::state
