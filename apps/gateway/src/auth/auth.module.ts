import { Global, Module } from '@nestjs/common';
import { TokenVerifier } from './token-verifier';

/** Bearer-token verification; the AuthGuard (an APP_GUARD of AppModule) uses it on every route. */
@Global()
@Module({ providers: [TokenVerifier], exports: [TokenVerifier] })
export class AuthModule {}
