/**
 * Rendered Event XML (as `wevtutil qe /f:xml` writes it, one event per line) of the Certificate
 * Connector: one revoke failure (Admin 3001) repeated `times` times, then one different failure
 * of the same rule (Operational 3051). Line 1 is `<Events>`, so repeat k sits on line k + 1.
 */
export function repeatedRevokeFailures(times: number): string {
  const event = (id: number, channel: string, second: number): string =>
    `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Intune-CertificateConnectors"/><EventID>${id}</EventID><Level>2</Level><TimeCreated SystemTime="2024-03-05T09:${String(Math.floor(second / 60) % 60).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}.000Z"/><Channel>Microsoft-Intune-CertificateConnectors/${channel}</Channel><Computer>NDES01.contoso.com</Computer></System></Event>`;
  const lines = ['<Events>'];
  for (let i = 0; i < times; i++) lines.push(event(3001, 'Admin', i));
  lines.push(event(3051, 'Operational', times));
  lines.push('</Events>');
  return lines.join('\r\n') + '\r\n';
}
