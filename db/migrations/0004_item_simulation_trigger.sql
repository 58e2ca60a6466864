-- The replication tick reads only items whose simulate_at is due. Whoever changes what the
-- simulation depends on (state, direction, policy, process server) makes the item due at once.
CREATE TRIGGER `items_simulate_when_changed` AFTER UPDATE OF `state`, `replication_direction`, `policy_id`, `process_server_id` ON `replicated_items`
WHEN old.`state` IS NOT new.`state`
  OR old.`replication_direction` IS NOT new.`replication_direction`
  OR old.`policy_id` IS NOT new.`policy_id`
  OR old.`process_server_id` IS NOT new.`process_server_id`
BEGIN
  UPDATE `replicated_items` SET `simulate_at` = 0 WHERE `id` = new.`id`;
END;
