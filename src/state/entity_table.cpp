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
  return *slot;
}

template <class T>
T& EntityTable<T>::edit(const T& v, const std::string& id) {
  T* cur = find(id);
  if (!cur || cur != &v) throw std::logic_error("edit() of an entity not held by this world: " + id);
  if (originals_.find(id) == originals_.end()) {
    originals_.emplace(id, *cur);
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
  originals_.emplace(id, std::nullopt);
  touched_order_.push_back(id);
  return *slot;
}

template <class T>
void EntityTable<T>::rollback() {
  // O(changes + held): the added ids leave order_ in one pass.
  bool added = false;
  for (auto& [id, orig] : originals_) {
    if (orig) {
      *items_[id] = std::move(*orig);
    } else {
      items_.erase(id);
      added = true;
    }
  }
  if (added)
    order_.erase(std::remove_if(order_.begin(), order_.end(), [&](const std::string& id) { return !items_.count(id); }),
                 order_.end());
  originals_.clear();
  touched_order_.clear();
}

template <class T>
std::vector<T*> EntityTable<T>::all() {
  std::vector<T*> out;
  out.reserve(order_.size());
  for (const auto& id : order_) out.push_back(items_.find(id)->second.get());
  return out;
}

template class EntityTable<Unit>;
template class EntityTable<Account>;
template class EntityTable<Person>;
template class EntityTable<Bill>;
template class EntityTable<Case>;

}  // namespace pvd::state
