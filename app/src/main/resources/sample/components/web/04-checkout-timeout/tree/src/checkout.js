export async function checkout(cart, { url, timeoutMs = 10000 }) {
  const key = crypto.randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, { method: 'POST', body: JSON.stringify(cart),
        headers: { 'Idempotency-Key': key }, signal: AbortSignal.timeout(timeoutMs) });
      return response.json();
    } catch (e) {
      if (e.name !== 'TimeoutError' || attempt === 2) throw e;
    }
  }
}
