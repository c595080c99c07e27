-- The productOrder request as the back office received it, for tests and demos to read (the
-- channel a partner's order came through, the parties…). Orders placed before have none.
ALTER TABLE product_orders ADD COLUMN request TEXT;
