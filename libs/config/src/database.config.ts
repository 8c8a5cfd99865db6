import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { EnvInt } from './env-transforms.js';

export class DatabaseConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL!: string;

  @EnvInt()
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number = 10;
}
