/**
 * Where software talks to: per application, the DNS names it connects to (Microsoft 365, CDNs,
 * update and Defender services, Dropbox, intranet servers) with plausible ports, protocols and
 * stable public IPs in the provider's address space. Returns endpoint ids ready for SimContext.net.
 */
import { hash32 } from '../prng.js';
import type { EndpointDict } from '../writers/dictionaries.js';

const PROVIDER_PREFIX: Readonly<Record<string, readonly string[]>> = {
  microsoft: ['13.107', '20.190', '40.126', '52.96', '52.113', '52.109', '20.42'],
  akamai: ['23.35', '23.205', '104.91'],
  google: ['142.250', '172.217'],
  dropbox: ['162.125'],
  github: ['140.82', '185.199'],
  fastly: ['151.101'],
};

export function publicIp(host: string, provider: string): string {
  const prefixes = PROVIDER_PREFIX[provider] ?? PROVIDER_PREFIX['microsoft']!;
  const h = hash32(`ip:${host}`);
  return `${prefixes[h % prefixes.length]}.${(h >>> 8) & 0xff}.${1 + ((h >>> 16) % 254)}`;
}

type Host = readonly [host: string, provider: string, port?: number];

const APP_HOSTS: Readonly<Record<string, readonly Host[]>> = {
  outlook: [['outlook.office365.com', 'microsoft'], ['outlook.office.com', 'microsoft'], ['substrate.office.com', 'microsoft'], ['login.microsoftonline.com', 'microsoft'], ['nexus.officeapps.live.com', 'microsoft']],
  teams: [['teams.microsoft.com', 'microsoft'], ['teams.events.data.microsoft.com', 'microsoft'], ['presence.teams.microsoft.com', 'microsoft'], ['statics.teams.cdn.office.net', 'akamai'], ['login.microsoftonline.com', 'microsoft']],
  browser: [['www.bing.com', 'microsoft'], ['www.office.com', 'microsoft'], ['contoso.sharepoint.com', 'microsoft'], ['login.microsoftonline.com', 'microsoft'], ['edge.microsoft.com', 'microsoft'],
    ['res.cdn.office.net', 'akamai'], ['ajax.aspnetcdn.com', 'akamai'], ['www.google.com', 'google'], ['fonts.gstatic.com', 'google'], ['www.linkedin.com', 'microsoft'],
    ['learn.microsoft.com', 'microsoft'], ['cdn.jsdelivr.net', 'fastly'], ['www.wikipedia.org', 'fastly'], ['news.ycombinator.com', 'fastly']],
  devbrowser: [['github.com', 'github'], ['api.github.com', 'github'], ['objects.githubusercontent.com', 'github'], ['stackoverflow.com', 'fastly'], ['registry.npmjs.org', 'fastly'], ['pypi.org', 'fastly']],
  office: [['officeclient.microsoft.com', 'microsoft'], ['ecs.office.com', 'microsoft'], ['contoso-my.sharepoint.com', 'microsoft'], ['messaging.office.com', 'microsoft']],
  onedrive: [['contoso-my.sharepoint.com', 'microsoft'], ['g.live.com', 'microsoft'], ['skyapi.onedrive.live.com', 'microsoft'], ['oneclient.sfx.ms', 'akamai']],
  dropbox: [['client.dropbox.com', 'dropbox'], ['bolt.dropbox.com', 'dropbox'], ['d.dropbox.com', 'dropbox'], ['block.dropbox.com', 'dropbox']],
  dropboxweb: [['www.dropbox.com', 'dropbox'], ['content.dropboxapi.com', 'dropbox'], ['cfl.dropboxstatic.com', 'dropbox'], ['dl-web.dropbox.com', 'dropbox']],
  defender: [['wdcp.microsoft.com', 'microsoft'], ['wdcpalt.microsoft.com', 'microsoft'], ['definitionupdates.microsoft.com', 'microsoft'], ['fe3cr.delivery.mp.microsoft.com', 'microsoft']],
  sense: [['winatp-gw-eus.microsoft.com', 'microsoft'], ['us-v20.events.data.microsoft.com', 'microsoft'], ['automatedirstrprdeus.blob.core.windows.net', 'microsoft']],
  windowsupdate: [['settings-win.data.microsoft.com', 'microsoft'], ['ctldl.windowsupdate.com', 'akamai', 80], ['dl.delivery.mp.microsoft.com', 'akamai', 80], ['fe2cr.update.microsoft.com', 'microsoft'], ['v10.events.data.microsoft.com', 'microsoft']],
  git: [['github.com', 'github'], ['codeload.github.com', 'github'], ['dev.azure.com', 'microsoft']],
  nessus: [['plugins.nessus.org', 'microsoft'], ['cloud.tenable.com', 'microsoft']],
};

export type AppNet = keyof typeof APP_HOSTS;

/** Endpoint ids per application, interned once per simulation. */
export class EndpointCatalog {
  private readonly byApp = new Map<string, number[]>();

  constructor(private readonly dict: EndpointDict) {
    for (const [app, hosts] of Object.entries(APP_HOSTS)) {
      this.byApp.set(app, hosts.map(([host, provider, port]) => dict.id(publicIp(host, provider), port ?? 443, host, 'Tcp')));
    }
  }

  app(name: AppNet): readonly number[] {
    return this.byApp.get(name)!;
  }

  /** An intranet endpoint (no URL): server IP and port. */
  internal(ip: string, port: number, protocol: 'Tcp' | 'Udp' = 'Tcp', url = ''): number {
    return this.dict.id(ip, port, url, protocol);
  }

  host(host: string, provider: string, port = 443): number {
    return this.dict.id(publicIp(host, provider), port, host, 'Tcp');
  }
}

/** Ephemeral client port (Windows dynamic range). */
export function ephemeralPort(r: number): number {
  return 49152 + Math.floor(r * 16383);
}
