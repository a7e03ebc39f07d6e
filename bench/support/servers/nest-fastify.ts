// The service's own framework (NestJS on the Fastify adapter) answering the same constant with one
// controller and nothing else. Started by bench/http-baselines.ts.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller()
class ConstantController {
  @Get()
  hello() {
    return { hello: 'world' };
  }
}

@Module({ controllers: [ConstantController] })
class ConstantModule {}

async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(ConstantModule, new FastifyAdapter(), { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
