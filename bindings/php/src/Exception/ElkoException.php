<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * Marker interface of every exception Elko throws: `catch (ElkoException $e)` catches them all.
 */
interface ElkoException extends \Throwable
{
}
