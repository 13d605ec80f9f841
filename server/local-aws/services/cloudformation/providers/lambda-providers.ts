import { AwsError } from '../../../errors';
import type { ObjectFiles } from '../../../store/object-files';
import { permissionStatement } from '../../lambda/lambda-service';
import { sha256Base64, type LambdaCode, type LambdaStore } from '../../lambda/lambda-store';
import { readZip } from '../../lambda/zip-archive';
import type { S3Store } from '../../s3/s3-store';
import { requireProperty, ResourceFailure, stringMap, type ResourceProvider, type ResourceRequest } from '../resource-provider';

/** AWS::Lambda::Function (inline ZipFile or an S3 package) and AWS::Lambda::Permission. */
export function lambdaProviders(lambda: LambdaStore, s3: S3Store, files: ObjectFiles): Record<string, ResourceProvider> {
  return {
    'AWS::Lambda::Function': {
      async create(request) {
        const p = request.properties;
        const name = p.FunctionName !== undefined ? String(p.FunctionName) : request.physicalName({ maxLength: 64 });
        const runtime = p.Runtime === undefined ? undefined : String(p.Runtime);
        const { code, sha } = await functionCode(request, runtime, s3, files);
        try {
          const environment = (p.Environment as { Variables?: unknown } | undefined)?.Variables;
          const configuration = lambda.create(request.region, {
            FunctionName: name,
            Runtime: runtime,
            Role: String(requireProperty(request, 'Role')),
            Handler: p.Handler === undefined ? undefined : String(p.Handler),
            Description: p.Description === undefined ? undefined : String(p.Description),
            Timeout: p.Timeout === undefined ? undefined : Number(p.Timeout),
            MemorySize: p.MemorySize === undefined ? undefined : Number(p.MemorySize),
            Environment: environment ? { Variables: stringMap(environment) } : undefined,
            Architectures: Array.isArray(p.Architectures) ? p.Architectures.map(String) : undefined,
            Tags: Object.fromEntries([...request.tags, ...((p.Tags as { Key: string; Value: string }[]) ?? [])].map((t) => [t.Key, String(t.Value)])),
            code,
            codeSha256: sha,
          });
          return { physicalId: configuration.FunctionName, attributes: { Arn: configuration.FunctionArn } };
        } catch (error) {
          if (code.kind === 'zip') await files.remove(code.fileId);
          throw error;
        }
      },
      async delete(request) {
        try {
          const code = lambda.delete(request.region, request.physicalId);
          if (code.kind === 'zip') await files.remove(code.fileId);
        } catch (error) {
          if (error instanceof AwsError && error.code === 'ResourceNotFoundException') return;
          throw error;
        }
      },
    },
    'AWS::Lambda::Permission': {
      create(request) {
        const functionName = String(requireProperty(request, 'FunctionName'));
        const fn = lambda.require(request.region, functionName);
        const sid = request.physicalName({ maxLength: 100 });
        lambda.addPermission(request.region, functionName, permissionStatement(fn.configuration.FunctionArn, { ...request.properties, StatementId: sid }));
        return { physicalId: sid, attributes: { FunctionName: fn.configuration.FunctionName } };
      },
      delete(request) {
        try {
          lambda.removePermission(request.region, String(request.attributes.FunctionName), request.physicalId);
        } catch (error) {
          if (error instanceof AwsError && error.code === 'ResourceNotFoundException') return;
          throw error;
        }
      },
    },
  };
}

/** Inline ZipFile text becomes index.js (index.py …) as on AWS; an S3 package is read from local S3. */
async function functionCode(request: ResourceRequest, runtime: string | undefined, s3: S3Store, files: ObjectFiles): Promise<{ code: LambdaCode; sha: string }> {
  const code = requireProperty<Record<string, unknown>>(request, 'Code');
  if (typeof code.ZipFile === 'string') {
    const extension = runtime?.startsWith('python') ? 'py' : runtime?.startsWith('ruby') ? 'rb' : 'js';
    return { code: { kind: 'inline', files: { [`index.${extension}`]: code.ZipFile } }, sha: sha256Base64(code.ZipFile) };
  }
  if (code.S3Bucket !== undefined && code.S3Key !== undefined) {
    const object = s3.getObject(String(code.S3Bucket), String(code.S3Key));
    if (!object) {
      throw new ResourceFailure(`Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.`);
    }
    const zip = await files.readAll(object.fileId);
    try {
      readZip(zip);
    } catch (error) {
      throw new ResourceFailure(`Could not unzip uploaded file. Please check your file, then try to upload again. (${(error as Error).message})`);
    }
    const stored = await files.write(zip);
    return { code: { kind: 'zip', fileId: stored.fileId, size: stored.size }, sha: sha256Base64(zip) };
  }
  if (code.ImageUri !== undefined) throw new ResourceFailure('Container image functions are not supported by local AWS.');
  throw new ResourceFailure(`Properties validation failed for resource ${request.logicalId} with message: #/Code: one of [ZipFile, S3Bucket/S3Key, ImageUri] is required`);
}
