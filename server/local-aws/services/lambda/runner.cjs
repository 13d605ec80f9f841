'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: runs under bare node, as Lambda's runtime would. */
/**
 * Runs one Lambda invocation in its own Node.js process (forked by lambda-runtime.ts). The parent
 * sends { type: 'invoke', taskRoot, handler, event, context } over IPC; this process loads the
 * handler module, calls it the way the Lambda Node.js runtime does (async or callback style, with
 * context.done/succeed/fail), prints console output in Lambda's log line format, and sends back
 * { type: 'result', ok, payload | error } before exiting.
 *
 * Plain CommonJS on purpose: it runs under bare `node`, without tsx, so a cold start stays short.
 */
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const { pathToFileURL } = require('node:url');

let requestId = '';
let finished = false;

function patchConsole() {
  const write = (level) => (...args) => {
    process.stdout.write(`${new Date().toISOString()}\t${requestId}\t${level}\t${util.format(...args).replace(/\n/g, '\r')}\n`);
  };
  console.log = write('INFO');
  console.info = write('INFO');
  console.warn = write('WARN');
  console.error = write('ERROR');
  console.debug = write('DEBUG');
  console.trace = write('TRACE');
}

function errorShape(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || 'Error',
      errorMessage: error.message,
      trace: String(error.stack || '').split('\n'),
    };
  }
  if (error && typeof error === 'object') {
    return { errorType: 'Error', errorMessage: JSON.stringify(error), trace: [] };
  }
  return { errorType: 'Error', errorMessage: String(error), trace: [] };
}

function finish(message) {
  if (finished) return;
  finished = true;
  process.send(message, () => process.exit(0));
}

function succeed(result) {
  let payload;
  try {
    payload = result === undefined ? 'null' : JSON.stringify(result);
  } catch (error) {
    return fail(Object.assign(new Error(`Unable to stringify response body: ${error.message}`), { name: 'Runtime.SerializationError' }));
  }
  finish({ type: 'result', ok: true, payload });
}

function fail(error, type) {
  const shape = errorShape(error);
  if (type) shape.errorType = type;
  console.error(`Invoke Error \t${JSON.stringify(shape)}`);
  finish({ type: 'result', ok: false, error: shape });
}

async function loadHandler(taskRoot, handlerSpec) {
  const dot = handlerSpec.lastIndexOf('.');
  if (dot <= 0) {
    const error = new Error(`Bad handler ${handlerSpec}: missing a module name and an exported function name (e.g. index.handler)`);
    error.name = 'Runtime.MalformedHandlerName';
    throw error;
  }
  const moduleName = handlerSpec.slice(0, dot);
  const exportPath = handlerSpec.slice(dot + 1).split('.');
  const base = path.resolve(taskRoot, moduleName);
  const candidates = ['.js', '.mjs', '.cjs'].map((ext) => base + ext).filter((file) => fs.existsSync(file));
  if (candidates.length === 0) {
    const error = new Error(`Cannot find module '${moduleName}'`);
    error.name = 'Runtime.ImportModuleError';
    throw error;
  }
  const file = candidates[0];
  let loaded;
  try {
    if (file.endsWith('.mjs')) loaded = await import(pathToFileURL(file).href);
    else loaded = require(file);
  } catch (error) {
    if (error && (error.code === 'ERR_REQUIRE_ESM' || /Cannot use import statement|Unexpected token 'export'/.test(String(error.message)))) {
      // An ES module in a .js file (inline code written with import/export): load it as one.
      const mjs = `${base}.__local_aws__.mjs`;
      fs.copyFileSync(file, mjs);
      loaded = await import(pathToFileURL(mjs).href);
    } else {
      const wrapped = new Error(`${error && error.name ? error.name : 'Error'}: ${error && error.message ? error.message : error}`);
      wrapped.name = error && error.name === 'SyntaxError' ? 'Runtime.UserCodeSyntaxError' : 'Runtime.ImportModuleError';
      wrapped.stack = error && error.stack;
      throw wrapped;
    }
  }
  let handler = loaded;
  for (const key of exportPath) handler = handler == null ? undefined : handler[key];
  if (typeof handler !== 'function' && loaded && loaded.default) {
    handler = loaded.default;
    for (const key of exportPath) handler = handler == null ? undefined : handler[key];
  }
  if (typeof handler !== 'function') {
    const error = new Error(`${handlerSpec} is undefined or not exported`);
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }
  return handler;
}

async function invoke(message) {
  requestId = message.context.awsRequestId;
  patchConsole();
  const deadline = message.context.deadlineMs;
  const context = {
    functionName: message.context.functionName,
    functionVersion: message.context.functionVersion,
    invokedFunctionArn: message.context.invokedFunctionArn,
    memoryLimitInMB: String(message.context.memoryLimitInMB),
    awsRequestId: message.context.awsRequestId,
    logGroupName: message.context.logGroupName,
    logStreamName: message.context.logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: (error, result) => (error ? fail(error) : succeed(result)),
    succeed: (result) => succeed(result),
    fail: (error) => fail(error),
  };
  let handler;
  try {
    handler = await loadHandler(message.taskRoot, message.handler);
  } catch (error) {
    return fail(error);
  }
  try {
    const callback = (error, result) => (error ? fail(error) : succeed(result));
    const returned = handler(message.event, context, callback);
    if (returned && typeof returned.then === 'function') {
      const result = await returned;
      succeed(result);
    } else if (handler.length < 3 && returned !== undefined) {
      succeed(returned);
    }
    // Otherwise a callback-style handler finishes through callback/context.done.
  } catch (error) {
    fail(error);
  }
}

process.on('uncaughtException', (error) => fail(error));
process.on('unhandledRejection', (reason) => {
  const error = reason instanceof Error ? reason : new Error(String(reason));
  fail(error, 'Runtime.UnhandledPromiseRejection');
});
// A callback-style handler that never calls back ends, as on Lambda, when its event loop is empty.
process.on('beforeExit', () => succeed(null));
process.on('message', (message) => {
  if (message && message.type === 'invoke') {
    // The IPC channel must not keep the process alive, or an empty event loop would never show.
    if (process.channel) process.channel.unref();
    void invoke(message);
  }
});
