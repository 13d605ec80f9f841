'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: runs under bare node, as Lambda's runtime would. */
/**
 * The `cfn-response` module AWS Lambda provides to inline (ZipFile) Node.js code, with the same
 * API. Unlike AWS's copy, which always uses https on port 443, it honours the ResponseURL's scheme
 * and port, so it reaches local AWS's http ResponseURL as well as a real presigned S3 URL.
 */
const http = require('node:http');
const https = require('node:https');

exports.SUCCESS = 'SUCCESS';
exports.FAILED = 'FAILED';

exports.send = function send(event, context, responseStatus, responseData, physicalResourceId, noEcho) {
  return new Promise((resolve) => {
    const body = JSON.stringify({
      Status: responseStatus,
      Reason: 'See the details in CloudWatch Log Stream: ' + context.logStreamName,
      PhysicalResourceId: physicalResourceId || context.logStreamName,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
      NoEcho: noEcho || false,
      Data: responseData,
    });
    console.log('Response body:\n', body);
    const url = new URL(event.ResponseURL);
    const transport = url.protocol === 'http:' ? http : https;
    const request = transport.request(
      url,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        console.log('Status code: ' + response.statusCode);
        response.resume();
        response.on('end', () => {
          resolve();
          context.done();
        });
      },
    );
    request.on('error', (error) => {
      console.log('send(..) failed executing https.request(..): ' + error);
      resolve();
      context.done();
    });
    request.write(body);
    request.end();
  });
};
