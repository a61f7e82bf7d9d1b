// Every page: its address, its menu entry, and the function that draws it.
import { listPage, entityPage } from "./entities.js";
import { pluginListPage, pluginPage } from "./plugin-instances.js";
import { newCredentialPage } from "./credentials.js";
import { livePage } from "./live.js";
import { inventoryPage, editorPage } from "./scripts.js";
import { overviewPage } from "./overview.js";
import { usagePage } from "./usage.js";
import { aiPage } from "./ai.js";
import { clusterPage } from "./cluster.js";
import { playgroundPage } from "./playground.js";

const entity = (kind) => (el, loc) => (loc.path[1] ? entityPage(kind, loc.path[1], el, loc) : listPage(kind, el, loc));

export const PAGES = {
  "": overviewPage,
  overview: overviewPage,
  services: entity("services"),
  routes: entity("routes"),
  upstreams: entity("upstreams"),
  targets: entity("targets"),
  consumers: entity("consumers"),
  "model-prices": entity("model-prices"),
  credentials: (el, loc) => newCredentialPage(el, loc),
  plugins: (el, loc) => (loc.path[1] ? pluginPage(el, loc.path[1], loc) : pluginListPage(el, loc)),
  live: livePage,
  usage: usagePage,
  ai: aiPage,
  cluster: clusterPage,
  playground: playgroundPage,
  inventory: inventoryPage,
  scripts: (el, loc) => editorPage(el, loc.path[1] || "new"),
};

export const NAV = [
  { title: "Gateway", items: [
    { path: "overview", label: "Overview" },
    { path: "cluster", label: "Cluster" },
  ] },
  { title: "Configuration", items: [
    { path: "services", label: "Services" },
    { path: "routes", label: "Routes" },
    { path: "upstreams", label: "Upstreams" },
    { path: "consumers", label: "Consumers" },
    { path: "plugins", label: "Plugins" },
  ] },
  { title: "Traffic", items: [
    { path: "live", label: "Live requests" },
  ] },
  { title: "AI", items: [
    { path: "ai", label: "AI routes" },
    { path: "playground", label: "Playground" },
    { path: "usage", label: "Usage and cost" },
    { path: "model-prices", label: "Model prices" },
  ] },
  { title: "Extend", items: [
    { path: "inventory", label: "Plugin inventory" },
    { path: "scripts/new", label: "New JavaScript plugin" },
  ] },
];
