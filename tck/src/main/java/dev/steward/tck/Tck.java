/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.steward.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the engine module's {@link TckEnvironment} on a TCK suite subclass, e.g.
 * {@code @Tck(PostgresqlTckEnvironment.class) class PostgresqlRootTest extends BaseRootTest {}}.
 * {@link StewardTestBase} reads it once per test class and creates the environment through its
 * no-argument constructor (which may be package-private).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Tck {
  /** The environment class of the engine under test. */
  Class<? extends TckEnvironment> value();
}
