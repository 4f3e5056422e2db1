export function cartTotal(items) {
  return items.reduce((sum, item) => sum + item.price * item.quantity, 0);
}

export function deliveryEstimate(items, today = new Date()) {
  const days = items.some((item) => item.backorder) ? 7 : 2;
  return new Date(today.getTime() + days * 24 * 3600 * 1000);
}
