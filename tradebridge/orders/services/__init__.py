"""Write paths of the orders domain, one module per sub-domain; import from the module itself
(`from tradebridge.orders.services.deal_orders import order_create_from_deal`):

- `carts`: a member's cart (add, change, remove, review); `cart_reads` loads it for the review;
- `addresses`: shipping addresses and the ship-to of a checkout (`ShipTo`);
- `checkout`: the cart becomes a purchase and one order per supplier;
- `deal_orders`: an agreed deal becomes an order (`order_create_from_deal`, called by rfq);
- `order_create`: writing a new order, shared by the two above;
- `reservations`: releasing or committing an order's stock reservations;
- `order_moves`, `lifecycle`, `timers`: the order's status changes after it is placed.
"""
