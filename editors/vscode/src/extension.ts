// copydesk for VS Code: starts `copydesk lsp` for Markdown and plain-text drafts.
//
// Settings live in the "copydesk" section under the same keys as copydesk.toml (style, rules,
// terms, allow, dateline, attribution_scope, inlay_hints). Only the values the user actually set
// are sent, so an untouched editor never overrides the newsroom's copydesk.toml. Two settings are
// the extension's own and never reach the server: `copydesk.path` (the binary) and
// `copydesk.termsFile` (a TOML file whose entries are merged into `terms`).

import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parse as parseToml } from 'smol-toml';
import {
  DocumentSymbol,
  DocumentSymbolRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  SymbolInformation,
} from 'vscode-languageclient/node';

/** The keys of copydesk.toml that the editor may set; the server reads exactly these. */
export const SERVER_KEYS = ['style', 'rules', 'terms', 'remove', 'allow', 'dateline', 'attribution_scope', 'inlay_hints'] as const;
const FIX_ALL_KIND = 'source.fixAll.copydesk';
const INSTALL_HINT =
  'Install it with `cargo install --path .` from a copydesk checkout (it lands in ~/.cargo/bin), ' +
  'or set "copydesk.path" to the copydesk program.';

let client: LanguageClient | undefined;
let log: vscode.LogOutputChannel;
/** Tells the server when a copydesk.toml changes on disk (one watcher for the session). */
let configWatcher: vscode.FileSystemWatcher;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // vscode-languageclient 10+ writes with .error()/.info(): it needs a *log* output channel.
  log = vscode.window.createOutputChannel('copydesk', { log: true });
  configWatcher = vscode.workspace.createFileSystemWatcher('**/copydesk.toml');
  context.subscriptions.push(log, configWatcher);

  context.subscriptions.push(
    vscode.commands.registerCommand('copydesk.restartServer', () => restart(context)),
    vscode.commands.registerCommand('copydesk.showSourceAudit', showSourceAudit),
    vscode.commands.registerCommand('copydesk.fixAll', fixAll),
    // Runs after "Allow “word” in this project": saves the copydesk.toml it edited, so the change
    // applies at once even when the file was open (VS Code saves files it opened for the edit).
    vscode.commands.registerCommand('copydesk.saveConfig', saveConfig),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('copydesk')) return;
      log.info(`settings changed: ${JSON.stringify(serverSettings())}`);
      if (e.affectsConfiguration('copydesk.path') || !client) {
        await restart(context);
      } else {
        pushSettings();
      }
    }),
    { dispose: () => void client?.stop() },
  );
  await start(context);
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

/** Finds the copydesk program: the `copydesk.path` setting, else `copydesk` on PATH. */
export function findServer(): string | undefined {
  const configured = vscode.workspace.getConfiguration('copydesk').get<string>('path')?.trim();
  if (configured) {
    const expanded = configured.replace(/^~(?=$|\/)/, process.env.HOME ?? '~');
    return isExecutable(expanded) ? expanded : undefined;
  }
  const exe = process.platform === 'win32' ? ['copydesk.exe', 'copydesk.cmd'] : ['copydesk'];
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const cargoBin = path.join(process.env.CARGO_HOME ?? path.join(process.env.HOME ?? '', '.cargo'), 'bin');
  if (!dirs.includes(cargoBin)) dirs.push(cargoBin);
  for (const dir of dirs) {
    for (const name of exe) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const command = findServer();
  if (!command) {
    const configured = vscode.workspace.getConfiguration('copydesk').get<string>('path');
    const what = configured ? `"copydesk.path" points to ${configured}, which is not a program` : 'copydesk is not installed (it is not on PATH)';
    log.error(`${what}. ${INSTALL_HINT}`);
    void vscode.window
      .showErrorMessage(`copydesk: ${what}. ${INSTALL_HINT}`, 'Set copydesk.path', 'Retry')
      .then((choice) => {
        if (choice === 'Set copydesk.path') void vscode.commands.executeCommand('workbench.action.openSettings', 'copydesk.path');
        if (choice === 'Retry') void restart(context);
      });
    return;
  }
  log.info(`starting ${command} lsp`);
  // `transport` is left unset on purpose: TransportKind.stdio would append `--stdio` to the args.
  const serverOptions: ServerOptions = {
    run: { command, args: ['lsp'] },
    debug: { command, args: ['lsp'] },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    outputChannel: log,
    initializationOptions: serverSettings(),
    synchronize: { fileEvents: configWatcher },
    middleware: {
      workspace: {
        // The server pulls section "copydesk": answer with the cleaned settings, never the
        // extension's own keys (the server rejects keys it does not know).
        configuration: async (params, token, next) => {
          const others = params.items.some((i) => i.section !== undefined && i.section !== 'copydesk');
          const theirs = others ? await next(params, token) : [];
          return params.items.map((item, i) => {
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            if (item.section === 'copydesk') return serverSettings(scope);
            if (item.section === undefined) return { copydesk: serverSettings(scope) };
            return Array.isArray(theirs) ? theirs[i] : null;
          });
        },
      },
    },
  };
  client = new LanguageClient('copydesk', 'copydesk', serverOptions, clientOptions);
  try {
    await client.start();
    log.info('copydesk language server started');
  } catch (e) {
    log.error(`copydesk failed to start: ${String(e)}`);
    void vscode.window.showErrorMessage(`copydesk: the language server failed to start (${String(e)}). See Output → copydesk.`);
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (client) {
    const old = client;
    client = undefined;
    try {
      await old.dispose(2000); // stops the server (whatever state it is in) and frees the client
    } catch (e) {
      log.warn(`stopping the old server: ${String(e)}`);
    }
  }
  await start(context);
}

/** Saves the copydesk.toml named by an "Allow this word" action, when it has unsaved changes. */
export async function saveConfig(uri?: string): Promise<void> {
  if (typeof uri !== 'string') return;
  const target = vscode.Uri.parse(uri);
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  if (doc?.isDirty) await doc.save();
}

/** Tells a running server that the settings changed; it then re-checks open drafts. */
function pushSettings(): void {
  if (client?.state !== State.Running) return;
  void client.sendNotification('workspace/didChangeConfiguration', { settings: { copydesk: serverSettings() } });
}

/**
 * The "copydesk" settings as the server reads them: copydesk.toml keys, only those the user set
 * (in user, workspace or folder settings), with `copydesk.termsFile` merged into `terms`.
 */
export function serverSettings(scope?: vscode.Uri): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration('copydesk', scope);
  const out: Record<string, unknown> = {};
  for (const key of SERVER_KEYS) {
    const v = cfg.inspect(key);
    const set = v?.workspaceFolderValue ?? v?.workspaceValue ?? v?.globalValue;
    if (set !== undefined && set !== null && set !== '') out[key] = set;
  }
  const termsFile = cfg.get<string>('termsFile')?.trim();
  if (termsFile) {
    const extra = readTermsFile(termsFile);
    if (extra) out.terms = { ...extra, ...((out.terms as Record<string, unknown>) ?? {}) };
  }
  return out;
}

function readTermsFile(file: string): Record<string, unknown> | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const full = path.isAbsolute(file) ? file : path.join(folder ?? process.cwd(), file);
  try {
    const doc = parseToml(fs.readFileSync(full, 'utf8')) as Record<string, unknown>;
    // Either `[terms.word]` tables (a copydesk.toml excerpt) or bare `[word]` tables.
    const terms = (doc.terms && typeof doc.terms === 'object' ? doc.terms : doc) as Record<string, unknown>;
    return terms;
  } catch (e) {
    const msg = `copydesk: cannot use the terms file ${full}: ${e instanceof Error ? e.message : String(e)}`;
    log.error(msg);
    void vscode.window.showWarningMessage(msg);
    return undefined;
  }
}

/** The outline of sources (documentSymbol), as a pick list that jumps to each source. */
async function showSourceAudit(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('copydesk: open a story to see its sources.');
    return;
  }
  if (client?.state !== State.Running) {
    void vscode.window.showWarningMessage('copydesk: the language server is not running (see Output → copydesk).');
    return;
  }
  // Ask copydesk itself (the outline also holds other extensions' symbols, e.g. Markdown headings)
  const raw = await client.sendRequest(DocumentSymbolRequest.type, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
  });
  const symbols: (vscode.DocumentSymbol | vscode.SymbolInformation)[] = !raw || raw.length === 0
    ? []
    : 'location' in raw[0]
      ? await client.protocol2CodeConverter.asSymbolInformations(raw as SymbolInformation[])
      : await client.protocol2CodeConverter.asDocumentSymbols(raw as DocumentSymbol[]);
  type Item = vscode.QuickPickItem & { range?: vscode.Range };
  const items: Item[] = [];
  const walk = (list: (vscode.DocumentSymbol | vscode.SymbolInformation)[], depth: number) => {
    for (const s of list) {
      const range = 'range' in s ? s.range : s.location.range;
      items.push({ label: `${'  '.repeat(depth)}${s.name}`, description: 'detail' in s ? s.detail : undefined, detail: `line ${range.start.line + 1}`, range });
      if ('children' in s && s.children?.length) walk(s.children, depth + 1);
    }
  };
  walk(symbols, 0);
  if (items.length === 0) {
    void vscode.window.showInformationMessage('copydesk: no sources found in this story.');
    return;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'copydesk: sources in this story', matchOnDescription: true });
  if (picked?.range) {
    editor.selection = new vscode.Selection(picked.range.start, picked.range.start);
    editor.revealRange(picked.range, vscode.TextEditorRevealType.InCenter);
  }
}

/** Applies the server's `source.fixAll.copydesk` action: every fix marked safe, nothing else. */
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const doc = editor.document;
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    whole,
    FIX_ALL_KIND,
  )) ?? [];
  const mine = actions.filter((a) => a.kind?.value === FIX_ALL_KIND);
  if (mine.length === 0) {
    void vscode.window.showInformationMessage('copydesk: nothing in this file can be fixed safely without you.');
    return;
  }
  for (const a of mine) {
    if (a.edit) await vscode.workspace.applyEdit(a.edit);
    if (a.command) await vscode.commands.executeCommand(a.command.command, ...(a.command.arguments ?? []));
  }
}
