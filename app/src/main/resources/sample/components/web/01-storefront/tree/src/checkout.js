export async function checkout(cart, { url, timeoutMs = 3000 }) {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(cart), signal: AbortSignal.timeout(timeoutMs) });
  return response.json();
}
